package org.delta4j.models.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.IOException;
import java.util.List;
import org.delta4j.backbone.NamedInputs;
import org.delta4j.backbone.TokenInputs;
import org.delta4j.io.TensorSource;
import org.delta4j.models.CausalLanguageModel;
import org.delta4j.models.ChecksCheckpoint;
import org.delta4j.models.Hosted;
import org.delta4j.models.InputLimits;
import org.delta4j.nn.Child;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.Linear;

/**
 * The causal language model Llama, Mistral and Qwen2 share ({@code LlamaForCausalLM}, ...): the
 * decoder ({@code model}) and a bias-free head {@code lm_head}, whose weight is {@code
 * model.embed_tokens}'s when {@code tie_word_embeddings} is true.
 *
 * <p>Inputs are those of {@link LlamaFamilyModel}. Outputs, named: {@code logits [batch, length,
 * vocab]} and {@code last_hidden_state}.
 */
public abstract class LlamaFamilyForCausalLM extends HfBlock
        implements CausalLanguageModel, ChecksCheckpoint {
    /** The output names, in order. */
    public static final List<String> OUTPUTS = List.of("logits", "last_hidden_state");

    private final long vocabSize;
    private final InputLimits limits;
    private final Child model;
    private final Child lmHead;

    /**
     * @param config the model configuration
     * @param decoder the family's decoder, built from the same configuration
     */
    protected LlamaFamilyForCausalLM(LlamaFamilyConfig config, LlamaFamilyModel decoder) {
        this.vocabSize = config.vocabSize();
        this.limits = LlamaFamilyModel.inputLimits(config, getClass().getSimpleName());
        this.model = child("model", decoder);
        this.lmHead =
                child(
                        "lm_head",
                        config.tieWordEmbeddings()
                                ? Linear.tied(decoder.inputEmbeddings().weight())
                                : Linear.create(
                                        config.hiddenSize(),
                                        vocabSize,
                                        false,
                                        config.initializerRange()));
    }

    @Override
    public List<String> inputNames() {
        return LlamaFamilyModel.INPUTS;
    }

    @Override
    public InputLimits inputLimits() {
        return limits;
    }

    /**
     * @return the token table {@code model.embed_tokens}
     */
    @Override
    public Embedding inputEmbeddings() {
        return decoder().inputEmbeddings();
    }

    @Override
    public void requireFits(TensorSource weights) throws IOException {
        decoder().requireFits(weights);
    }

    private LlamaFamilyModel decoder() {
        return Hosted.module(model.block(), LlamaFamilyModel.class);
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        // Before the hooks: a soft prompt looks the ids up.
        limits.check(
                NamedInputs.resolve(inputs, LlamaFamilyModel.INPUTS, getClass().getSimpleName()),
                TokenInputs.IDS,
                TokenInputs.EMBEDS);
        inputs = withInputHooks(ps, inputs, training, params);
        NDArray hidden = model.forward(ps, inputs, training, params).get(0);
        NDArray logits = Functional.call(lmHead, ps, training, params, hidden);
        return NamedInputs.named(List.of(logits, hidden), OUTPUTS);
    }

    /**
     * @param inputShapes the shapes of the inputs in {@link LlamaFamilyModel}'s positional order
     * @return {@code logits} and {@code last_hidden_state} shapes
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape hidden = model.getOutputShapes(inputShapes)[0];
        return new Shape[] {hidden.slice(0, hidden.dimension() - 1).add(vocabSize), hidden};
    }
}
