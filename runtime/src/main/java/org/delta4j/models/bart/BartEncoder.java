package org.delta4j.models.bart;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.models.AttentionMasks;
import org.delta4j.nn.LayerScope;

/**
 * HF's {@code BartEncoder}: token embeddings (tied to the model's {@code shared} table) plus
 * learned positions, layer norm and dropout, then the encoder layers.
 */
public final class BartEncoder extends BartStack {
    /**
     * @param config the model configuration
     * @param sharedTokens the model's shared token table {@code [vocab, d_model]}
     */
    public BartEncoder(BartConfig config, Parameter sharedTokens) {
        super(
                config,
                sharedTokens,
                config.encoderLayers(),
                config.encoderLayerdrop(),
                () -> new BartEncoderLayer(config),
                false);
    }

    /**
     * @param inputs {@code input_ids [batch, length]} (or {@code inputs_embeds [batch, length,
     *     d_model]}) and {@code attention_mask [batch, length]} (1 for tokens, 0 for padding)
     * @return {@code last_hidden_state [batch, length, d_model]}, and the attention mask, which the
     *     decoder's cross-attention uses (a soft prompt on the encoder lengthens both)
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray hidden = embed(ids, ps, training, params);
        NDArray mask = AttentionMasks.padding(inputs.get(1));
        LayerScope scopes = new LayerScope(training);
        for (Block layer : activeLayers(training)) {
            hidden = scopes.call(layer, ps, params, hidden, mask);
        }
        return new NDList(hidden, inputs.get(1));
    }
}
