package org.delta4j.models.bart;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.delta4j.nn.Child;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.LayerNorm;
import org.delta4j.nn.ModuleList;

/**
 * What HF's {@code BartEncoder} and {@code BartDecoder} share: the children {@code embed_tokens}
 * (tied to the model's {@code shared} table), {@code embed_positions}, {@code layers} and {@code
 * layernorm_embedding}, in HF's order, the embedding step and LayerDrop. The subclasses run the
 * layers on their own inputs.
 */
abstract class BartStack extends HfBlock {
    private final long dModel;
    private final float embedScale;
    private final float dropout;
    private final float layerdrop;
    private final Child embedTokens;
    private final Child embedPositions;
    private final Child layers;
    private final Child layernormEmbedding;

    /**
     * @param config the model configuration
     * @param sharedTokens the model's shared token table {@code [vocab, d_model]}
     * @param layerCount the number of layers
     * @param layerdrop the probability of skipping a layer while training
     * @param newLayer makes one layer
     * @param decoder whether this is the decoder, whose positions continue after a key/value
     *     cache's
     */
    BartStack(
            BartConfig config,
            Parameter sharedTokens,
            int layerCount,
            float layerdrop,
            Supplier<Block> newLayer,
            boolean decoder) {
        this.dModel = config.dModel();
        this.embedScale = config.embedScale();
        this.dropout = config.dropout();
        this.layerdrop = layerdrop;
        this.embedTokens = child("embed_tokens", Embedding.tied(sharedTokens));
        this.embedPositions =
                child(
                        "embed_positions",
                        new BartLearnedPositionalEmbedding(
                                config.maxPositionEmbeddings(),
                                config.dModel(),
                                config.initStd(),
                                decoder));
        this.layers = child("layers", ModuleList.of(layerCount, i -> newLayer.get()));
        this.layernormEmbedding =
                child(
                        "layernorm_embedding",
                        new LayerNorm(config.dModel(), BartConfig.LAYER_NORM_EPS));
    }

    /**
     * The embedding step: {@code dropout(layernorm_embedding(embed_tokens(ids) * scale +
     * embed_positions(ids)))}. Given embeddings ({@code inputs_embeds}, floating point) instead of
     * ids, they are used as they are, as HF does.
     *
     * @param ids {@code input_ids [batch, length]} or {@code inputs_embeds [batch, length,
     *     d_model]}
     * @return the first hidden states {@code [batch, length, d_model]}
     */
    final NDArray embed(
            NDArray ids, ParameterStore ps, boolean training, PairList<String, Object> params) {
        NDArray embedded =
                ids.getDataType().isFloating()
                        ? ids
                        : Functional.times(
                                Functional.call(embedTokens, ps, training, params, ids),
                                embedScale);
        // Positions only read the [batch, length] shape, which embeddings share in their first two
        // axes.
        NDArray hidden = embedded.add(Functional.call(embedPositions, ps, training, params, ids));
        hidden = Functional.call(layernormEmbedding, ps, training, params, hidden);
        return Functional.dropout(hidden, dropout, training);
    }

    /**
     * The layers that run in this pass: all of them, except that while training each is skipped
     * with probability {@code layerdrop} (HF's LayerDrop).
     *
     * @param training whether this is a training forward pass
     * @return the layers to run, in order, from the live child list
     */
    final List<Block> activeLayers(boolean training) {
        List<Block> active = new ArrayList<>();
        for (Block layer : layers.block().getChildren().values()) {
            if (!training
                    || layerdrop == 0f
                    || ThreadLocalRandom.current().nextFloat() >= layerdrop) {
                active.add(layer);
            }
        }
        return active;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(dModel)};
    }
}
