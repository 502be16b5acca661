package org.delta4j.models.bart;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.delta4j.models.AttentionMasks;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.LayerNorm;
import org.delta4j.nn.ModuleList;

/**
 * HF's {@code BartEncoder}: token embeddings (tied to the model's {@code shared} table) plus learned positions, layer
 * norm and dropout, then the encoder layers.
 */
public final class BartEncoder extends HfBlock {
    private final long dModel;
    private final float embedScale;
    private final float dropout;
    private final float layerdrop;
    // Not final and typed Block: delta surgery swaps these children for wrappers, and forward reads them each call.
    private Block embedTokens;
    private Block embedPositions;
    private Block layers;
    private Block layernormEmbedding;

    /**
     * @param config the model configuration
     * @param sharedTokens the model's shared token table {@code [vocab, d_model]}
     */
    public BartEncoder(BartConfig config, Parameter sharedTokens) {
        this.dModel = config.dModel();
        this.embedScale = config.embedScale();
        this.dropout = config.dropout();
        this.layerdrop = config.encoderLayerdrop();
        this.embedTokens = child("embed_tokens", Embedding.tied(sharedTokens));
        this.embedPositions = child("embed_positions", new BartLearnedPositionalEmbedding(
                config.maxPositionEmbeddings(), config.dModel(), config.initStd()));
        List<Block> stack = new ArrayList<>();
        for (int i = 0; i < config.encoderLayers(); i++) {
            stack.add(new BartEncoderLayer(config));
        }
        this.layers = child("layers", new ModuleList(stack));
        this.layernormEmbedding = child("layernorm_embedding",
                new LayerNorm(config.dModel(), BartConfig.LAYER_NORM_EPS));
    }

    /**
     * @param inputs {@code input_ids [batch, length]} (or {@code inputs_embeds [batch, length, d_model]}) and
     *     {@code attention_mask [batch, length]} (1 for tokens, 0 for padding)
     * @return {@code last_hidden_state [batch, length, d_model]}, and the attention mask, which the decoder's
     *     cross-attention uses (a soft prompt on the encoder lengthens both)
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray hidden = BartSublayers.embed(
                embedTokens, embedPositions, layernormEmbedding, embedScale, dropout, ids, ps, training, params);
        NDArray mask = AttentionMasks.padding(inputs.get(1));
        for (Block layer : BartSublayers.activeLayers(layers, layerdrop, training)) {
            hidden = Functional.call(layer, ps, training, params, hidden, mask);
        }
        return new NDList(hidden, inputs.get(1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(dModel)};
    }
}
