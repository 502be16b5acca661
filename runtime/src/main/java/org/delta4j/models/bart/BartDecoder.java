package org.delta4j.models.bart;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.models.AttentionMasks;
import org.delta4j.nn.KeyValueCache;
import org.delta4j.nn.LayerScope;

/**
 * HF's {@code BartDecoder}: token embeddings (tied to the model's {@code shared} table) plus
 * learned positions, layer norm and dropout, then the decoder layers, each attending causally to
 * the decoder input and to the encoder output.
 *
 * <p>With a {@link KeyValueCache} in the pass's parameters the ids are the new positions only: they
 * take the positions after the cached ones, and {@code attention_mask} covers the cached positions
 * and the new ones.
 */
public final class BartDecoder extends BartStack {
    /**
     * @param config the model configuration
     * @param sharedTokens the model's shared token table {@code [vocab, d_model]}
     */
    public BartDecoder(BartConfig config, Parameter sharedTokens) {
        super(
                config,
                sharedTokens,
                config.decoderLayers(),
                config.decoderLayerdrop(),
                () -> new BartDecoderLayer(config),
                true);
    }

    /**
     * @param inputs {@code input_ids [batch, length]}, {@code attention_mask [batch, past +
     *     length]} (past: the positions of a key/value cache, else 0), {@code encoder_hidden_states
     *     [batch, source, d_model]} and {@code encoder_attention_mask [batch, source]} (masks: 1
     *     for tokens, 0 for padding)
     * @return {@code last_hidden_state [batch, length, d_model]}
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray encoderHidden = inputs.get(2);
        // HF adds the padding mask to the causal one, so a masked future padding position holds
        // -inf.
        KeyValueCache cache = KeyValueCache.of(params);
        long past = cache == null ? 0 : cache.length();
        long length = ids.getShape().get(1);
        NDArray selfMask =
                AttentionMasks.causal(ids.getManager(), past, length)
                        .add(
                                AttentionMasks.padding(
                                        KeyValueCache.requireDecoderMaskWidth(
                                                "BartDecoder", inputs.get(1), past + length)));
        NDArray crossMask = AttentionMasks.padding(inputs.get(3));
        NDArray hidden = embed(ids, ps, training, params);
        LayerScope scopes = new LayerScope(training);
        for (Block layer : activeLayers(training)) {
            // The cache keeps the keys and values the layer adds in its own manager.
            hidden = scopes.call(layer, ps, params, hidden, selfMask, encoderHidden, crossMask);
        }
        return new NDList(hidden);
    }
}
