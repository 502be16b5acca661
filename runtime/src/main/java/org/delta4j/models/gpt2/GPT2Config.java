package org.delta4j.models.gpt2;

import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.nio.file.Path;
import org.delta4j.models.HfConfig;

/**
 * HF's {@code GPT2Config}, read from a {@code config.json}. Absent fields take HF's defaults (those
 * of gpt2); fields the model's modules do not use (generation, sequence summary) are ignored.
 */
public final class GPT2Config extends HfConfig {
    @SerializedName("vocab_size")
    private int vocabSize = 50257;

    @SerializedName("n_positions")
    private int nPositions = 1024;

    @SerializedName("n_embd")
    private int nEmbd = 768;

    @SerializedName("n_layer")
    private int nLayer = 12;

    @SerializedName("n_head")
    private int nHead = 12;

    @SerializedName("n_inner")
    private Integer nInner;

    @SerializedName("activation_function")
    private String activationFunction = "gelu_new";

    @SerializedName("resid_pdrop")
    private float residPdrop = 0.1f;

    @SerializedName("embd_pdrop")
    private float embdPdrop = 0.1f;

    @SerializedName("attn_pdrop")
    private float attnPdrop = 0.1f;

    @SerializedName("layer_norm_epsilon")
    private float layerNormEpsilon = 1e-5f;

    @SerializedName("initializer_range")
    private float initializerRange = 0.02f;

    @SerializedName("scale_attn_weights")
    private boolean scaleAttnWeights = true;

    @SerializedName("scale_attn_by_inverse_layer_idx")
    private boolean scaleAttnByInverseLayerIdx;

    @SerializedName("reorder_and_upcast_attn")
    private boolean reorderAndUpcastAttn;

    @SerializedName("add_cross_attention")
    private boolean addCrossAttention;

    @SerializedName("tie_word_embeddings")
    private boolean tieWordEmbeddings = true;

    private GPT2Config() {
        super("gpt2");
    }

    /**
     * @param json the text of a {@code config.json}
     * @return the configuration
     * @throws IllegalArgumentException when the text is not a valid GPT-2 configuration, saying why
     */
    public static GPT2Config fromJson(String json) {
        return parse(json, GPT2Config.class, "GPT-2");
    }

    /**
     * @param file a {@code config.json}
     * @return the configuration
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is not a valid GPT-2 configuration, naming the file
     */
    public static GPT2Config read(Path file) throws IOException {
        return read(file, GPT2Config::fromJson);
    }

    @Override
    protected void validate() {
        requirePositive("vocab_size", vocabSize);
        requirePositive("n_positions", nPositions);
        requirePositive("n_embd", nEmbd);
        requireLayers("n_layer", nLayer);
        requirePositive("n_head", nHead);
        requirePositive("n_inner", innerSize());
        requireDivisible("n_embd", nEmbd, "n_head", nHead);
        requireEpsilon("layer_norm_epsilon", layerNormEpsilon);
        requireProbability("resid_pdrop", residPdrop);
        requireProbability("embd_pdrop", embdPdrop);
        requireProbability("attn_pdrop", attnPdrop);
        requireScale("initializer_range", initializerRange);
        if (addCrossAttention) {
            throw new IllegalArgumentException(
                    "add_cross_attention is not supported (GPT-2 as a decoder of an "
                            + "encoder-decoder model)");
        }
        requireActivation(activationFunction);
    }

    /**
     * @return {@code vocab_size}
     */
    public int vocabSize() {
        return vocabSize;
    }

    /**
     * @return {@code n_positions}: the longest sequence (prefix included)
     */
    public int nPositions() {
        return nPositions;
    }

    /**
     * @return {@code n_embd}: the hidden size
     */
    public int nEmbd() {
        return nEmbd;
    }

    /**
     * @return {@code n_layer}: the number of blocks
     */
    public int nLayer() {
        return nLayer;
    }

    /**
     * @return {@code n_head}: the number of attention heads
     */
    public int nHead() {
        return nHead;
    }

    /**
     * @return the feed-forward size: {@code n_inner}, or {@code 4 * n_embd} when it is null
     */
    public int innerSize() {
        return nInner != null ? nInner : 4 * nEmbd;
    }

    /**
     * @return {@code activation_function}: the feed-forward activation's HF name
     */
    public String activationFunction() {
        return activationFunction;
    }

    /**
     * @return {@code resid_pdrop}: dropout on attention and feed-forward outputs
     */
    public float residPdrop() {
        return residPdrop;
    }

    /**
     * @return {@code embd_pdrop}: dropout on the embeddings
     */
    public float embdPdrop() {
        return embdPdrop;
    }

    /**
     * @return {@code attn_pdrop}: dropout on attention probabilities
     */
    public float attnPdrop() {
        return attnPdrop;
    }

    /**
     * @return {@code layer_norm_epsilon}
     */
    public float layerNormEpsilon() {
        return layerNormEpsilon;
    }

    /**
     * @return {@code initializer_range}: the standard deviation of fresh weights
     */
    public float initializerRange() {
        return initializerRange;
    }

    /**
     * @return the standard deviation of fresh {@code c_proj} weights: HF scales {@code
     *     initializer_range} by {@code 1 / sqrt(2 * n_layer)} for the projections that feed the
     *     residual stream
     */
    public float cProjStd() {
        return (float) (initializerRange / Math.sqrt(2.0 * nLayer));
    }

    /**
     * @return {@code scale_attn_weights}: whether attention scores are divided by {@code
     *     sqrt(head_dim)}
     */
    public boolean scaleAttnWeights() {
        return scaleAttnWeights;
    }

    /**
     * @return {@code scale_attn_by_inverse_layer_idx}: whether layer {@code i}'s scores are divided
     *     by {@code i + 1}
     */
    public boolean scaleAttnByInverseLayerIdx() {
        return scaleAttnByInverseLayerIdx;
    }

    /**
     * @return {@code reorder_and_upcast_attn}: whether the scaling is folded into the score product
     */
    public boolean reorderAndUpcastAttn() {
        return reorderAndUpcastAttn;
    }

    /**
     * @return {@code tie_word_embeddings}: whether the language-model head reuses {@code wte}'s
     *     weight
     */
    public boolean tieWordEmbeddings() {
        return tieWordEmbeddings;
    }
}
