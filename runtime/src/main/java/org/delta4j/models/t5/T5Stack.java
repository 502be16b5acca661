package org.delta4j.models.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.backbone.TokenInputs;
import org.delta4j.models.AttentionMasks;
import org.delta4j.nn.Child;
import org.delta4j.nn.Dropout;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.KeyValueCache;
import org.delta4j.nn.LayerScope;
import org.delta4j.nn.ModuleList;
import org.delta4j.nn.T5LayerNorm;

/**
 * HF's {@code T5Stack}, the encoder or the decoder: token embeddings {@code embed_tokens} (the
 * model's {@code shared} table itself, as in HF, so PyTorch's {@code named_modules()} lists it only
 * once), dropout, the blocks {@code block}, then {@code final_layer_norm} and dropout again. The
 * first block's self-attention computes the relative position bias and the stack hands it to the
 * later blocks.
 *
 * <p>In the decoder, with a {@link KeyValueCache} in the pass's parameters, the inputs are the new
 * positions only and {@code attention_mask} covers the cached positions and the new ones.
 */
public final class T5Stack extends HfBlock {
    private final long dModel;
    private final boolean isDecoder;
    private final Child embedTokens;
    private final Child block;
    private final Child finalLayerNorm;
    private final Child dropout;

    /**
     * @param config the model configuration
     * @param shared the model's token table, registered here as {@code embed_tokens}
     * @param isDecoder whether this is the decoder
     */
    public T5Stack(T5Config config, Embedding shared, boolean isDecoder) {
        this.dModel = config.dModel();
        this.isDecoder = isDecoder;
        this.embedTokens = child("embed_tokens", shared);
        int count = isDecoder ? config.decoderLayers() : config.numLayers();
        this.block =
                child("block", ModuleList.of(count, i -> new T5Block(config, isDecoder, i == 0)));
        this.finalLayerNorm =
                child(
                        "final_layer_norm",
                        new T5LayerNorm(
                                dModel, config.layerNormEpsilon(), config.initializerFactor()));
        this.dropout = child("dropout", new Dropout(config.dropoutRate()));
    }

    /**
     * @param inputs {@code input_ids [batch, length]} or {@code inputs_embeds [batch, length,
     *     d_model]} (told apart by rank) and {@code attention_mask [batch, length]} (1 for tokens,
     *     0 for padding); in the decoder also {@code encoder_hidden_states [batch, source,
     *     d_model]} and {@code encoder_attention_mask [batch, source]}
     * @return {@code last_hidden_state [batch, length, d_model]}, and the attention mask as given,
     *     which the decoder's cross-attention uses (a soft prompt on the encoder lengthens both)
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = TokenInputs.embed(embedTokens, inputs.get(0), ps, training, params);
        KeyValueCache cache = isDecoder ? KeyValueCache.of(params) : null;
        long past = cache == null ? 0 : cache.length();
        NDArray mask =
                isDecoder
                        ? causal(inputs.get(1), past, hidden.getShape().get(1))
                        : AttentionMasks.padding(inputs.get(1));
        NDArray encoderMask = isDecoder ? AttentionMasks.padding(inputs.get(3)) : null;
        hidden = Functional.call(dropout, ps, training, params, hidden);
        NDArray bias = null;
        LayerScope scopes = new LayerScope(training);
        for (Block b : block.block().getChildren().values()) {
            NDList blockInputs =
                    isDecoder
                            ? new NDList(hidden, mask, inputs.get(2), encoderMask)
                            : new NDList(hidden, mask);
            if (bias != null) {
                blockInputs.add(bias);
            }
            // The first block's bias is one of its outputs, so it moves to the pass with them.
            NDList out =
                    scopes.runAll(
                            () -> b.forward(ps, blockInputs, training, params),
                            blockInputs.toArray(new NDArray[0]));
            hidden = out.head();
            // A block that returns no bias (say, one whose prefix delta drops it) leaves the next
            // without one.
            bias = T5Attention.positionBias(out);
        }
        hidden = Functional.call(finalLayerNorm, ps, training, params, hidden);
        return new NDList(Functional.call(dropout, ps, training, params, hidden), inputs.get(1));
    }

    /**
     * HF's decoder mask: the causal and padding masks multiplied, then made additive, so a position
     * that both block holds the lowest float once (their sum would overflow to -inf).
     *
     * @param mask {@code [batch, past + length]}, 1 for tokens, 0 for padding
     * @param past the number of cached positions
     * @param length the number of new positions
     * @return {@code [batch, 1, length, past + length]}
     */
    private static NDArray causal(NDArray mask, long past, long length) {
        long batch = mask.getShape().get(0);
        long keys = past + length;
        KeyValueCache.requireDecoderMaskWidth("T5Stack", mask, keys);
        NDManager manager = mask.getManager();
        NDArray keyPositions = manager.arange(0, Math.toIntExact(keys), 1, DataType.INT64);
        NDArray queryPositions =
                manager.arange(Math.toIntExact(past), Math.toIntExact(keys), 1, DataType.INT64);
        NDArray seen =
                keyPositions
                        .reshape(1, keys)
                        .lte(queryPositions.reshape(length, 1))
                        .toType(DataType.INT64, false);
        NDArray padding = mask.toType(DataType.INT64, false).reshape(batch, 1, keys);
        NDArray allowed = seen.reshape(1, length, keys).mul(padding);
        return AttentionMasks.padding(allowed.reshape(batch * length, keys))
                .reshape(batch, 1, length, keys);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape tokens = inputShapes[0];
        return new Shape[] {tokens.dimension() == 3 ? tokens : tokens.add(dModel)};
    }
}
