package org.delta4j.models.distilbert;

import com.google.gson.annotations.SerializedName;
import org.delta4j.models.HfConfig;

/**
 * HF's {@code DistilBertConfig}, read from a {@code config.json}. Absent fields take HF's defaults
 * (those of distilbert-base-uncased); fields the modules do not use are ignored.
 */
public final class DistilBertConfig extends HfConfig {
    /** The layer-norm epsilon: HF's DistilBERT fixes it. */
    public static final float LAYER_NORM_EPS = 1e-12f;

    @SerializedName("vocab_size")
    private int vocabSize = 30522;

    @SerializedName("max_position_embeddings")
    private int maxPositionEmbeddings = 512;

    @SerializedName("sinusoidal_pos_embds")
    private boolean sinusoidalPosEmbds;

    @SerializedName("n_layers")
    private int nLayers = 6;

    @SerializedName("n_heads")
    private int nHeads = 12;

    private int dim = 768;

    @SerializedName("hidden_dim")
    private int hiddenDim = 3072;

    private float dropout = 0.1f;

    @SerializedName("attention_dropout")
    private float attentionDropout = 0.1f;

    private String activation = "gelu";

    @SerializedName("initializer_range")
    private float initializerRange = 0.02f;

    @SerializedName("pad_token_id")
    private int padTokenId;

    private DistilBertConfig() {
        super("distilbert");
    }

    /**
     * @param json the text of a {@code config.json}
     * @return the configuration
     * @throws IllegalArgumentException when the text is not a valid DistilBERT configuration,
     *     saying why
     */
    public static DistilBertConfig fromJson(String json) {
        return parse(json, DistilBertConfig.class, "DistilBERT");
    }

    @Override
    protected void validate() {
        requirePositive("vocab_size", vocabSize);
        requirePositive("max_position_embeddings", maxPositionEmbeddings);
        requireLayers("n_layers", nLayers);
        requirePositive("n_heads", nHeads);
        requirePositive("dim", dim);
        requirePositive("hidden_dim", hiddenDim);
        requireDivisible("dim", dim, "n_heads", nHeads);
        requireTokenId("pad_token_id", padTokenId, vocabSize);
        requireProbability("dropout", dropout);
        requireProbability("attention_dropout", attentionDropout);
        requireScale("initializer_range", initializerRange);
        if (sinusoidalPosEmbds) {
            throw new IllegalArgumentException(
                    "sinusoidal_pos_embds: true (fixed sinusoidal positions) is not "
                            + "supported");
        }
        requireActivation(activation);
    }

    /**
     * @return {@code vocab_size}
     */
    public int vocabSize() {
        return vocabSize;
    }

    /**
     * @return {@code max_position_embeddings}
     */
    public int maxPositionEmbeddings() {
        return maxPositionEmbeddings;
    }

    /**
     * @return {@code n_layers}
     */
    public int nLayers() {
        return nLayers;
    }

    /**
     * @return {@code n_heads}
     */
    public int nHeads() {
        return nHeads;
    }

    /**
     * @return {@code dim}: the hidden size
     */
    public int dim() {
        return dim;
    }

    /**
     * @return {@code hidden_dim}: the feed-forward width
     */
    public int hiddenDim() {
        return hiddenDim;
    }

    /**
     * @return {@code dropout}: on embeddings and the feed-forward output
     */
    public float dropout() {
        return dropout;
    }

    /**
     * @return {@code attention_dropout}: on attention probabilities
     */
    public float attentionDropout() {
        return attentionDropout;
    }

    /**
     * @return {@code activation}, such as {@code gelu}
     */
    public String activation() {
        return activation;
    }

    /**
     * @return {@code initializer_range}: the standard deviation of fresh weights
     */
    public float initializerRange() {
        return initializerRange;
    }

    /**
     * @return {@code pad_token_id}: the padding row of the word embeddings
     */
    public int padTokenId() {
        return padTokenId;
    }
}
