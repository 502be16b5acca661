package org.delta4j.models.bart;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.nn.Child;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfActivation;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.KeyValueCache;
import org.delta4j.nn.LayerNorm;
import org.delta4j.nn.Linear;

/** HF's {@code BartEncoderLayer}: post-LN self-attention, then a post-LN feed-forward network. */
public final class BartEncoderLayer extends HfBlock {
    private final float dropout;
    private final float activationDropout;
    private final Child selfAttn;
    private final Child selfAttnLayerNorm;
    private final Child activationFn;
    private final Child fc1;
    private final Child fc2;
    private final Child finalLayerNorm;

    /**
     * @param config the model configuration
     */
    public BartEncoderLayer(BartConfig config) {
        int d = config.dModel();
        float std = config.initStd();
        this.dropout = config.dropout();
        this.activationDropout = config.activationDropout();
        this.selfAttn =
                child(
                        "self_attn",
                        new BartAttention(
                                KeyValueCache.Role.ENCODER_SELF,
                                d,
                                config.encoderAttentionHeads(),
                                config.attentionDropout(),
                                std));
        this.selfAttnLayerNorm =
                child("self_attn_layer_norm", new LayerNorm(d, BartConfig.LAYER_NORM_EPS));
        this.activationFn =
                child("activation_fn", HfActivation.forName(config.activationFunction()));
        this.fc1 = child("fc1", Linear.create(d, config.encoderFfnDim(), true, std));
        this.fc2 = child("fc2", Linear.create(config.encoderFfnDim(), d, true, std));
        this.finalLayerNorm =
                child("final_layer_norm", new LayerNorm(d, BartConfig.LAYER_NORM_EPS));
    }

    /**
     * @param inputs {@code hidden_states [batch, length, dim]} and the additive {@code
     *     attention_mask} {@code [batch, 1, 1, length]}
     * @return the new hidden states
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = inputs.get(0);
        NDArray attention =
                Functional.call(selfAttn, ps, training, params, hidden, hidden, inputs.get(1));
        hidden =
                BartSublayers.addAndNorm(
                        selfAttnLayerNorm, hidden, attention, dropout, ps, training, params);
        NDArray ffn =
                BartSublayers.feedForward(
                        fc1, activationFn, fc2, activationDropout, hidden, ps, training, params);
        return new NDList(
                BartSublayers.addAndNorm(
                        finalLayerNorm, hidden, ffn, dropout, ps, training, params));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
