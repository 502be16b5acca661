package org.delta4j.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;
import org.delta4j.nn.Child;
import org.delta4j.nn.Functional;

/**
 * HF's two ways to give a model its tokens: {@code input_ids [batch, length]}, looked up in the
 * model's table, or {@code inputs_embeds [batch, length, dim]}, used as they are. Exactly one is
 * given.
 */
public final class TokenInputs {
    /** The name of the token ids input. */
    public static final String IDS = "input_ids";

    /** The name of the ready-made embeddings input. */
    public static final String EMBEDS = "inputs_embeds";

    private TokenInputs() {}

    /**
     * @param inputs a model's resolved inputs
     * @param owner the model's class name, for error messages
     * @return {@code input_ids} or {@code inputs_embeds}, whichever was given
     * @throws IllegalArgumentException when both or neither were given
     */
    public static NDArray resolve(Map<String, NDArray> inputs, String owner) {
        NDArray ids = inputs.get(IDS);
        NDArray embeds = inputs.get(EMBEDS);
        if ((ids == null) == (embeds == null)) {
            throw new IllegalArgumentException(
                    owner
                            + " needs exactly one of "
                            + IDS
                            + " and "
                            + EMBEDS
                            + ", got "
                            + (ids == null ? "neither" : "both"));
        }
        return ids != null ? ids : embeds;
    }

    /**
     * @param table the token table
     * @param tokens token ids {@code [batch, length]} or embeddings {@code [batch, length, dim]}
     * @param ps the parameter store
     * @param training whether this is a training forward pass
     * @param params the extra forward parameters, passed through
     * @return the embeddings {@code [batch, length, dim]}
     */
    public static NDArray embed(
            Child table,
            NDArray tokens,
            ParameterStore ps,
            boolean training,
            PairList<String, Object> params) {
        return tokens.getShape().dimension() == 3
                ? tokens
                : Functional.call(table, ps, training, params, tokens);
    }
}
