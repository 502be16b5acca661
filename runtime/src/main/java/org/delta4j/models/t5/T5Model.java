package org.delta4j.models.t5;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.delta4j.backbone.NamedInputs;

/**
 * HF's {@code T5Model}: {@code shared}, {@code encoder}, {@code decoder}. Inputs as {@link
 * AbstractT5Model} describes. Outputs, named: {@code last_hidden_state} (the decoder's) and {@code
 * encoder_last_hidden_state}.
 */
public final class T5Model extends AbstractT5Model {
    /** The output names, in order. */
    public static final List<String> OUTPUTS =
            List.of("last_hidden_state", "encoder_last_hidden_state");

    /**
     * @param config the model configuration
     */
    public T5Model(T5Config config) {
        super(config);
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList out = encodeAndDecode(ps, inputs, training, params);
        return NamedInputs.named(List.of(out.get(0), out.get(1)), OUTPUTS);
    }

    /**
     * @param inputShapes the shapes of the inputs in positional order ({@link
     *     AbstractT5Model#INPUTS})
     * @return {@code last_hidden_state} and {@code encoder_last_hidden_state} shapes
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return stackOutputShapes(inputShapes);
    }
}
