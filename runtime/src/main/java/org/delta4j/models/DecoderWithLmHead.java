package org.delta4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.function.Function;
import org.delta4j.backbone.HasInputEmbeddings;
import org.delta4j.backbone.NamedInputs;
import org.delta4j.backbone.TokenInputs;
import org.delta4j.nn.Child;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.Linear;

/**
 * What HF's decoder-only language models share (GPT-2's {@code GPT2LMHeadModel}, the Llama family's
 * {@code *ForCausalLM}): a decoder and a bias-free head {@code lm_head}, whose weight is the
 * decoder's token table when {@code tie_word_embeddings} is true.
 *
 * <p>Inputs are the decoder's, checked against its limits before any input hook (a soft prompt
 * looks the ids up). Outputs, named: {@code logits [batch, length, vocab]} and {@code
 * last_hidden_state}.
 *
 * @param <D> the decoder's class
 */
public abstract class DecoderWithLmHead<D extends HfBlock & HasInputEmbeddings> extends HfBlock
        implements CausalLanguageModel {
    /** The output names, in order. */
    public static final List<String> OUTPUTS = List.of("logits", "last_hidden_state");

    private final Class<D> decoderType;
    private final List<String> inputs;
    private final long vocabSize;
    private final InputLimits limits;
    private final Child decoder;
    private final Child lmHead;

    /**
     * @param decoderName the decoder's child name, such as {@code transformer} or {@code model}
     * @param decoder the decoder
     * @param decoderType its class, to find it behind a delta host
     * @param inputs the decoder's input names, in positional order
     * @param limits the input limits, given the model's class name for their messages
     * @param tieWordEmbeddings whether {@code lm_head} uses the decoder's token table
     * @param hiddenSize the decoder's hidden size
     * @param vocabSize the vocabulary size
     * @param initializerRange the standard deviation of a fresh untied head
     */
    protected DecoderWithLmHead(
            String decoderName,
            D decoder,
            Class<D> decoderType,
            List<String> inputs,
            Function<String, InputLimits> limits,
            boolean tieWordEmbeddings,
            long hiddenSize,
            long vocabSize,
            float initializerRange) {
        this.decoderType = decoderType;
        this.inputs = inputs;
        this.vocabSize = vocabSize;
        this.limits = limits.apply(getClass().getSimpleName());
        this.decoder = child(decoderName, decoder);
        this.lmHead =
                child(
                        "lm_head",
                        tieWordEmbeddings
                                ? Linear.tied(decoder.inputEmbeddings().weight())
                                : Linear.create(hiddenSize, vocabSize, false, initializerRange));
    }

    @Override
    public List<String> inputNames() {
        return inputs;
    }

    @Override
    public InputLimits inputLimits() {
        return limits;
    }

    /**
     * @return the decoder's token table
     */
    @Override
    public Embedding inputEmbeddings() {
        return decoder().inputEmbeddings();
    }

    /**
     * @return the decoder, as the head holds it now (behind any delta host)
     */
    protected final D decoder() {
        return Hosted.module(decoder.block(), decoderType);
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        // Before the hooks: a soft prompt looks the ids up.
        limits.check(
                NamedInputs.resolve(inputs, this.inputs, getClass().getSimpleName()),
                TokenInputs.IDS,
                TokenInputs.EMBEDS);
        inputs = withInputHooks(ps, inputs, training, params);
        NDArray hidden = decoder.forward(ps, inputs, training, params).get(0);
        NDArray logits = Functional.call(lmHead, ps, training, params, hidden);
        return NamedInputs.named(List.of(logits, hidden), OUTPUTS);
    }

    /**
     * @param inputShapes the shapes of the inputs in the decoder's positional order
     * @return {@code logits} and {@code last_hidden_state} shapes
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape hidden = decoder.getOutputShapes(inputShapes)[0];
        return new Shape[] {hidden.slice(0, hidden.dimension() - 1).add(vocabSize), hidden};
    }
}
