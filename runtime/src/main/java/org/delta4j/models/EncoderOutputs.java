package org.delta4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;

/**
 * An encoder-decoder model's {@code encoder_outputs} input (HF's name): the encoder's last hidden
 * states, given instead of the encoder's inputs so a decoding step does not rerun the encoder. The
 * model's {@code attention_mask} is then the mask the encoder returned (a soft prompt on the
 * encoder lengthens it), all ones by default.
 */
public final class EncoderOutputs {
    /** The input name. */
    public static final String NAME = "encoder_outputs";

    private EncoderOutputs() {}

    /**
     * @param inputs a model's resolved inputs
     * @return whether they hold {@code encoder_outputs}
     */
    public static boolean given(Map<String, NDArray> inputs) {
        return inputs.containsKey(NAME);
    }

    /**
     * @param inputs a model's resolved inputs, holding {@code encoder_outputs}
     * @return the encoder's hidden states {@code [batch, source, d_model]} and its attention mask
     *     {@code [batch, source]}, as the encoder would return them
     * @throws IllegalArgumentException when the states are not 3-d or the mask does not fit them
     */
    public static NDList of(Map<String, NDArray> inputs) {
        NDArray hidden = inputs.get(NAME);
        Shape s = hidden.getShape();
        if (s.dimension() != 3) {
            throw new IllegalArgumentException(
                    NAME
                            + " must be the encoder's hidden states [batch, source, d_model], got "
                            + s);
        }
        NDArray mask = inputs.get("attention_mask");
        if (mask == null) {
            mask = hidden.getManager().ones(new Shape(s.get(0), s.get(1)), DataType.INT64);
        } else if (!mask.getShape().equals(new Shape(s.get(0), s.get(1)))) {
            throw new IllegalArgumentException(
                    "With "
                            + NAME
                            + " "
                            + s
                            + ", attention_mask must be the encoder's mask [batch, source] = "
                            + new Shape(s.get(0), s.get(1))
                            + " (a soft prompt's columns included), got "
                            + mask.getShape());
        }
        return new NDList(hidden, mask);
    }
}
