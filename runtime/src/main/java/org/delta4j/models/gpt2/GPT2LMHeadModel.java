package org.delta4j.models.gpt2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.delta4j.backbone.NamedInputs;
import org.delta4j.backbone.TokenInputs;
import org.delta4j.models.CausalLanguageModel;
import org.delta4j.models.Hosted;
import org.delta4j.models.InputLimits;
import org.delta4j.nn.Child;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.Linear;

/**
 * HF's {@code GPT2LMHeadModel}: a {@link GPT2Model} ({@code transformer}) and a bias-free
 * language-model head {@code lm_head}, whose weight is {@code transformer.wte}'s unless {@code
 * tie_word_embeddings} is false.
 *
 * <p>Inputs are those of {@link GPT2Model}. Outputs, named: {@code logits [batch, length, vocab]}
 * and {@code last_hidden_state}.
 */
public final class GPT2LMHeadModel extends HfBlock implements CausalLanguageModel {
    /** The output names, in order. */
    public static final List<String> OUTPUTS = List.of("logits", "last_hidden_state");

    private final long vocabSize;
    private final InputLimits limits;
    private final Child transformer;
    private final Child lmHead;

    /**
     * @param config the model configuration
     */
    public GPT2LMHeadModel(GPT2Config config) {
        this.vocabSize = config.vocabSize();
        this.limits = GPT2Model.inputLimits(config, getClass().getSimpleName());
        GPT2Model gpt2 = new GPT2Model(config);
        this.transformer = child("transformer", gpt2);
        this.lmHead =
                child(
                        "lm_head",
                        config.tieWordEmbeddings()
                                ? Linear.tied(gpt2.inputEmbeddings().weight())
                                : Linear.create(
                                        config.nEmbd(),
                                        vocabSize,
                                        false,
                                        config.initializerRange()));
    }

    /**
     * @return the token table {@code transformer.wte}
     */
    @Override
    public List<String> inputNames() {
        return GPT2Model.INPUTS;
    }

    @Override
    public InputLimits inputLimits() {
        return limits;
    }

    @Override
    public Embedding inputEmbeddings() {
        return Hosted.module(transformer.block(), GPT2Model.class).inputEmbeddings();
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        // Before the hooks: a soft prompt looks the ids up.
        limits.check(
                NamedInputs.resolve(inputs, GPT2Model.INPUTS, getClass().getSimpleName()),
                TokenInputs.IDS,
                TokenInputs.EMBEDS);
        inputs = withInputHooks(ps, inputs, training, params);
        NDArray hidden = transformer.forward(ps, inputs, training, params).get(0);
        NDArray logits = Functional.call(lmHead, ps, training, params, hidden);
        return NamedInputs.named(List.of(logits, hidden), OUTPUTS);
    }

    /**
     * @param inputShapes the shapes of the inputs in {@link GPT2Model}'s positional order
     * @return {@code logits} and {@code last_hidden_state} shapes
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape hidden = transformer.getOutputShapes(inputShapes)[0];
        return new Shape[] {hidden.slice(0, hidden.dimension() - 1).add(vocabSize), hidden};
    }
}
