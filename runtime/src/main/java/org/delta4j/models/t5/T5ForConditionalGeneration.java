package org.delta4j.models.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.delta4j.backbone.NamedInputs;
import org.delta4j.models.TeacherForced;
import org.delta4j.nn.Child;
import org.delta4j.nn.Functional;
import org.delta4j.nn.Linear;

/**
 * HF's {@code T5ForConditionalGeneration}: {@code shared}, {@code encoder}, {@code decoder} and a
 * bias-free language-model head {@code lm_head}. With {@code tie_word_embeddings} (the default) the
 * head's weight is {@code shared}'s and the decoder output is scaled by {@code d_model^-0.5} before
 * it, as in HF.
 *
 * <p>Inputs as {@link AbstractT5Model} describes. Outputs, named: {@code logits [batch, length,
 * vocab]}, {@code last_hidden_state} (the decoder's, unscaled) and {@code
 * encoder_last_hidden_state}.
 */
public final class T5ForConditionalGeneration extends AbstractT5Model implements TeacherForced {
    /** The output names, in order. */
    public static final List<String> OUTPUTS =
            List.of("logits", "last_hidden_state", "encoder_last_hidden_state");

    private final long vocabSize;
    private final float headScale;
    private final Child lmHead;

    /**
     * @param config the model configuration
     */
    public T5ForConditionalGeneration(T5Config config) {
        super(config);
        this.vocabSize = config.vocabSize();
        boolean tied = config.tieWordEmbeddings();
        this.headScale = tied ? (float) Math.pow(config.dModel(), -0.5) : 1f;
        this.lmHead =
                child(
                        "lm_head",
                        tied
                                ? Linear.tied(inputEmbeddings().weight())
                                : Linear.create(
                                        config.dModel(),
                                        vocabSize,
                                        false,
                                        config.initializerFactor()));
    }

    @Override
    public NDArray decoderInputIds(NDArray labels) {
        return shiftRight(labels);
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList out = encodeAndDecode(ps, inputs, training, params);
        NDArray decoded = out.get(0);
        NDArray scaled = headScale == 1f ? decoded : Functional.times(decoded, headScale);
        NDArray logits = Functional.call(lmHead, ps, training, params, scaled);
        return NamedInputs.named(List.of(logits, decoded, out.get(1)), OUTPUTS);
    }

    /**
     * @param inputShapes the shapes of the inputs in positional order ({@link
     *     AbstractT5Model#INPUTS})
     * @return {@code logits}, {@code last_hidden_state} and {@code encoder_last_hidden_state}
     *     shapes
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] stacks = stackOutputShapes(inputShapes);
        Shape decoded = stacks[0];
        return new Shape[] {
            decoded.slice(0, decoded.dimension() - 1).add(vocabSize), decoded, stacks[1]
        };
    }
}
