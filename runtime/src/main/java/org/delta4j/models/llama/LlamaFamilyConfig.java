package org.delta4j.models.llama;

import com.google.gson.annotations.SerializedName;
import java.util.Map;
import org.delta4j.models.HfConfig;

/**
 * The configuration Llama, Mistral and Qwen2 share, read from a {@code config.json} with HF's field
 * names; absent fields take the family's HF defaults (set by the subclass). The families differ
 * only in what {@link #qkvBias()}, {@link #outputBias()} and {@link #slidingWindow(int)} say.
 */
public abstract class LlamaFamilyConfig extends HfConfig {
    @SerializedName("vocab_size")
    int vocabSize = 32000;

    @SerializedName("hidden_size")
    int hiddenSize = 4096;

    @SerializedName("intermediate_size")
    int intermediateSize = 11008;

    @SerializedName("num_hidden_layers")
    int numHiddenLayers = 32;

    @SerializedName("num_attention_heads")
    int numAttentionHeads = 32;

    @SerializedName("num_key_value_heads")
    Integer numKeyValueHeads;

    @SerializedName("head_dim")
    Integer headDim;

    @SerializedName("hidden_act")
    String hiddenAct = "silu";

    @SerializedName("max_position_embeddings")
    int maxPositionEmbeddings = 2048;

    @SerializedName("initializer_range")
    float initializerRange = 0.02f;

    @SerializedName("rms_norm_eps")
    float rmsNormEps = 1e-6f;

    @SerializedName("tie_word_embeddings")
    boolean tieWordEmbeddings;

    @SerializedName("rope_theta")
    float ropeTheta = 10000f;

    @SerializedName("rope_scaling")
    Map<String, Object> ropeScalingFields;

    @SerializedName("attention_dropout")
    float attentionDropout;

    @SerializedName("pad_token_id")
    Integer padTokenId;

    private transient RopeScaling ropeScaling;

    private final transient String family;

    /**
     * @param modelType the {@code model_type} this family's {@code config.json} has
     * @param family HF's class-name prefix, such as {@code Mistral}
     */
    LlamaFamilyConfig(String modelType, String family) {
        super(modelType);
        this.family = family;
    }

    @Override
    protected void validate() {
        requirePositive("vocab_size", vocabSize);
        requirePositive("hidden_size", hiddenSize);
        requirePositive("intermediate_size", intermediateSize);
        requireLayers("num_hidden_layers", numHiddenLayers);
        requirePositive("num_attention_heads", numAttentionHeads);
        requirePositive("max_position_embeddings", maxPositionEmbeddings);
        if (headDim == null) {
            requireDivisible("hidden_size", hiddenSize, "num_attention_heads", numAttentionHeads);
        } else {
            requirePositive("head_dim", headDim);
        }
        if (headDim() % 2 != 0) {
            throw new IllegalArgumentException(
                    "head_dim "
                            + headDim()
                            + " is odd; rotary embeddings rotate pairs of dimensions, so it must"
                            + " be even");
        }
        requirePositive("num_key_value_heads", keyValueHeads());
        if (numAttentionHeads % keyValueHeads() != 0) {
            throw new IllegalArgumentException(
                    "num_attention_heads "
                            + numAttentionHeads
                            + " is not divisible by num_key_value_heads "
                            + keyValueHeads()
                            + ": each key-value head serves a whole group of query heads");
        }
        requireEpsilon("rms_norm_eps", rmsNormEps);
        requireProbability("attention_dropout", attentionDropout);
        requireScale("initializer_range", initializerRange);
        if (!(ropeTheta > 0) || Float.isInfinite(ropeTheta)) {
            throw new IllegalArgumentException(
                    "rope_theta = " + ropeTheta + " is not a positive finite number");
        }
        if (padTokenId != null) {
            requireTokenId("pad_token_id", padTokenId, vocabSize);
        }
        requireActivation(hiddenAct);
        ropeScaling = RopeScaling.parse(ropeScalingFields);
        validateFamily();
    }

    /**
     * Checks the fields only this family has.
     *
     * @throws IllegalArgumentException when one is not valid, naming it
     */
    abstract void validateFamily();

    /**
     * @return HF's class-name prefix of this family: {@code Llama}, {@code Mistral} or {@code
     *     Qwen2}
     */
    public String family() {
        return family;
    }

    /**
     * @return whether {@code q_proj}, {@code k_proj} and {@code v_proj} have biases
     */
    public abstract boolean qkvBias();

    /**
     * @return whether {@code o_proj} has a bias
     */
    public abstract boolean outputBias();

    /**
     * @return whether the MLP's projections have biases
     */
    public boolean mlpBias() {
        return false;
    }

    /**
     * @param layer a layer index
     * @return the sliding attention window of that layer (a query at {@code i} sees keys {@code j}
     *     with {@code i - j < window}), or 0 for full causal attention
     */
    public abstract int slidingWindow(int layer);

    /**
     * @return {@code vocab_size}
     */
    public int vocabSize() {
        return vocabSize;
    }

    /**
     * @return {@code hidden_size}
     */
    public int hiddenSize() {
        return hiddenSize;
    }

    /**
     * @return {@code intermediate_size}: the MLP's inner size
     */
    public int intermediateSize() {
        return intermediateSize;
    }

    /**
     * @return {@code num_hidden_layers}
     */
    public int numHiddenLayers() {
        return numHiddenLayers;
    }

    /**
     * @return {@code num_attention_heads}: the number of query heads
     */
    public int numAttentionHeads() {
        return numAttentionHeads;
    }

    /**
     * @return {@code num_key_value_heads}, or {@code num_attention_heads} when it is null
     */
    public int keyValueHeads() {
        return numKeyValueHeads != null ? numKeyValueHeads : numAttentionHeads;
    }

    /**
     * @return {@code head_dim}, or {@code hidden_size / num_attention_heads} when it is absent
     */
    public int headDim() {
        return headDim != null ? headDim : hiddenSize / numAttentionHeads;
    }

    /**
     * @return {@code hidden_act}: the MLP's activation
     */
    public String hiddenAct() {
        return hiddenAct;
    }

    /**
     * @return {@code max_position_embeddings}
     */
    public int maxPositionEmbeddings() {
        return maxPositionEmbeddings;
    }

    /**
     * @return {@code initializer_range}: the standard deviation of fresh weights
     */
    public float initializerRange() {
        return initializerRange;
    }

    /**
     * @return {@code rms_norm_eps}
     */
    public float rmsNormEps() {
        return rmsNormEps;
    }

    /**
     * @return {@code tie_word_embeddings}: whether {@code lm_head} reuses {@code embed_tokens}'s
     *     weight
     */
    public boolean tieWordEmbeddings() {
        return tieWordEmbeddings;
    }

    /**
     * @return {@code rope_theta}: the base of the rotary frequencies
     */
    public float ropeTheta() {
        return ropeTheta;
    }

    /**
     * @return {@code rope_scaling}, parsed
     */
    public RopeScaling ropeScaling() {
        return ropeScaling;
    }

    /**
     * @return {@code attention_dropout}
     */
    public float attentionDropout() {
        return attentionDropout;
    }

    /**
     * @return {@code pad_token_id}, or -1 when it is null (HF then leaves no embedding row zero)
     */
    public int padTokenId() {
        return padTokenId != null ? padTokenId : -1;
    }
}
