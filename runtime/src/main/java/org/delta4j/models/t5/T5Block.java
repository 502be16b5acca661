package org.delta4j.models.t5;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.delta4j.nn.Child;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.ModuleList;
import org.delta4j.nn.SizedBlock;

/**
 * HF's {@code T5Block}: the module list {@code layer} of a {@link T5LayerSelfAttention}, in the
 * decoder a {@link T5LayerCrossAttention}, and a {@link T5LayerFF}.
 */
public final class T5Block extends HfBlock implements SizedBlock {
    private final long dModel;
    private final boolean isDecoder;
    private final Child layer;

    /**
     * @param config the model configuration
     * @param isDecoder whether it is a decoder block (then with cross-attention)
     * @param hasRelativeAttentionBias whether its self-attention owns the relative position table
     *     (block 0)
     */
    public T5Block(T5Config config, boolean isDecoder, boolean hasRelativeAttentionBias) {
        this.dModel = config.dModel();
        this.isDecoder = isDecoder;
        List<Block> layers = new ArrayList<>();
        layers.add(new T5LayerSelfAttention(config, isDecoder, hasRelativeAttentionBias));
        if (isDecoder) {
            layers.add(new T5LayerCrossAttention(config));
        }
        layers.add(new T5LayerFF(config));
        this.layer = child("layer", new ModuleList(layers));
    }

    @Override
    public long hiddenSize() {
        return dModel;
    }

    /**
     * @param inputs {@code hidden_states [batch, length, d_model]} and the additive self-attention
     *     mask; in the decoder also {@code encoder_hidden_states [batch, source, d_model]} and the
     *     additive encoder mask {@code [batch, 1, 1, source]}; optionally a {@link
     *     T5Attention#POSITION_BIAS}, by name
     * @return the new hidden states, then the self-attention's position bias if it used one
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        List<Block> layers = new ArrayList<>(layer.block().getChildren().values());
        NDList selfInputs = new NDList(inputs.get(0), inputs.get(1));
        NDArray bias = T5Attention.positionBias(inputs);
        if (bias != null) {
            selfInputs.add(bias);
        }
        NDList attended = layers.get(0).forward(ps, selfInputs, training, params);
        NDArray hidden = attended.head();
        if (isDecoder) {
            NDList crossInputs = new NDList(hidden, inputs.get(3), inputs.get(2));
            hidden = layers.get(1).forward(ps, crossInputs, training, params).head();
        }
        hidden =
                layers.get(layers.size() - 1)
                        .forward(ps, new NDList(hidden), training, params)
                        .head();
        NDList out = new NDList(hidden);
        NDArray usedBias = T5Attention.positionBias(attended);
        if (usedBias != null) {
            out.add(usedBias);
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
