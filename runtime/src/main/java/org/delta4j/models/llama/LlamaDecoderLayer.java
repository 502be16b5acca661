package org.delta4j.models.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.nn.Child;
import org.delta4j.nn.Functional;

/**
 * HF's {@code LlamaDecoderLayer} (and Mistral's and Qwen2's): {@code x += self_attn(
 * input_layernorm(x))}, then {@code x += mlp(post_attention_layernorm(x))}.
 */
public final class LlamaDecoderLayer extends LlamaFamilyBlock {
    private final Child selfAttn;
    private final Child mlp;
    private final Child inputLayernorm;
    private final Child postAttentionLayernorm;

    /**
     * @param config the model configuration
     */
    public LlamaDecoderLayer(LlamaFamilyConfig config) {
        super(config, "DecoderLayer");
        this.selfAttn = child("self_attn", new LlamaAttention(config));
        this.mlp = child("mlp", new LlamaMLP(config));
        this.inputLayernorm = child("input_layernorm", new LlamaRMSNorm(config));
        this.postAttentionLayernorm = child("post_attention_layernorm", new LlamaRMSNorm(config));
    }

    /**
     * @param inputs {@code hidden_states [batch, length, hidden_size]}, the additive attention mask
     *     and {@code position_ids}, as {@link LlamaAttention} takes them
     * @return the new hidden states
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray normed = Functional.call(inputLayernorm, ps, training, params, x);
        x =
                x.add(
                        Functional.call(
                                selfAttn,
                                ps,
                                training,
                                params,
                                normed,
                                inputs.get(1),
                                inputs.get(2)));
        NDArray ff = Functional.chain(ps, training, params, x, postAttentionLayernorm, mlp);
        return new NDList(x.add(ff));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
