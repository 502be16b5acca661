package org.delta4j.models.bart;

import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.nio.file.Path;
import org.delta4j.models.HfConfig;

/**
 * HF's {@code BartConfig}, read from a {@code config.json}. Absent fields take HF's defaults (those
 * of facebook/bart-large); fields BART's modules do not use are ignored.
 */
public final class BartConfig extends HfConfig {
    /** The layer-norm epsilon: HF's BART uses PyTorch's default everywhere. */
    public static final float LAYER_NORM_EPS = 1e-5f;

    @SerializedName("d_model")
    private int dModel = 1024;

    @SerializedName("encoder_layers")
    private int encoderLayers = 12;

    @SerializedName("decoder_layers")
    private int decoderLayers = 12;

    @SerializedName("encoder_attention_heads")
    private int encoderAttentionHeads = 16;

    @SerializedName("decoder_attention_heads")
    private int decoderAttentionHeads = 16;

    @SerializedName("encoder_ffn_dim")
    private int encoderFfnDim = 4096;

    @SerializedName("decoder_ffn_dim")
    private int decoderFfnDim = 4096;

    @SerializedName("vocab_size")
    private int vocabSize = 50265;

    @SerializedName("max_position_embeddings")
    private int maxPositionEmbeddings = 1024;

    @SerializedName("pad_token_id")
    private int padTokenId = 1;

    @SerializedName("decoder_start_token_id")
    private int decoderStartTokenId = 2;

    private float dropout = 0.1f;

    @SerializedName("attention_dropout")
    private float attentionDropout;

    @SerializedName("activation_dropout")
    private float activationDropout;

    @SerializedName("encoder_layerdrop")
    private float encoderLayerdrop;

    @SerializedName("decoder_layerdrop")
    private float decoderLayerdrop;

    @SerializedName("activation_function")
    private String activationFunction = "gelu";

    @SerializedName("scale_embedding")
    private boolean scaleEmbedding;

    @SerializedName("init_std")
    private float initStd = 0.02f;

    private BartConfig() {
        super("bart");
    }

    /**
     * @param json the text of a {@code config.json}
     * @return the configuration
     * @throws IllegalArgumentException when the text is not a valid BART configuration, saying why
     */
    public static BartConfig fromJson(String json) {
        return parse(json, BartConfig.class, "BART");
    }

    /**
     * @param file a {@code config.json}
     * @return the configuration
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is not a valid BART configuration, naming the file
     */
    public static BartConfig read(Path file) throws IOException {
        return read(file, BartConfig::fromJson);
    }

    @Override
    protected void validate() {
        requirePositive("d_model", dModel);
        requireLayers("encoder_layers", encoderLayers);
        requireLayers("decoder_layers", decoderLayers);
        requirePositive("encoder_ffn_dim", encoderFfnDim);
        requirePositive("decoder_ffn_dim", decoderFfnDim);
        requirePositive("vocab_size", vocabSize);
        requirePositive("max_position_embeddings", maxPositionEmbeddings);
        requireHeads("encoder_attention_heads", encoderAttentionHeads);
        requireHeads("decoder_attention_heads", decoderAttentionHeads);
        requireTokenId("pad_token_id", padTokenId, vocabSize);
        requireProbability("dropout", dropout);
        requireProbability("attention_dropout", attentionDropout);
        requireProbability("activation_dropout", activationDropout);
        requireProbability("encoder_layerdrop", encoderLayerdrop);
        requireProbability("decoder_layerdrop", decoderLayerdrop);
        requireScale("init_std", initStd);
        requireActivation(activationFunction);
    }

    private void requireHeads(String field, int heads) {
        requirePositive(field, heads);
        requireDivisible("d_model", dModel, field, heads);
    }

    /**
     * @return {@code d_model}: the hidden size
     */
    public int dModel() {
        return dModel;
    }

    /**
     * @return {@code encoder_layers}
     */
    public int encoderLayers() {
        return encoderLayers;
    }

    /**
     * @return {@code decoder_layers}
     */
    public int decoderLayers() {
        return decoderLayers;
    }

    /**
     * @return {@code encoder_attention_heads}
     */
    public int encoderAttentionHeads() {
        return encoderAttentionHeads;
    }

    /**
     * @return {@code decoder_attention_heads}
     */
    public int decoderAttentionHeads() {
        return decoderAttentionHeads;
    }

    /**
     * @return {@code encoder_ffn_dim}
     */
    public int encoderFfnDim() {
        return encoderFfnDim;
    }

    /**
     * @return {@code decoder_ffn_dim}
     */
    public int decoderFfnDim() {
        return decoderFfnDim;
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
     * @return {@code pad_token_id}
     */
    public int padTokenId() {
        return padTokenId;
    }

    /**
     * @return {@code decoder_start_token_id}: the first decoder token when the decoder input is
     *     derived
     */
    public int decoderStartTokenId() {
        return decoderStartTokenId;
    }

    /**
     * @return {@code dropout}: on embeddings and sub-layer outputs
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
     * @return {@code activation_dropout}: after the feed-forward activation
     */
    public float activationDropout() {
        return activationDropout;
    }

    /**
     * @return {@code encoder_layerdrop}: the probability of skipping an encoder layer while
     *     training
     */
    public float encoderLayerdrop() {
        return encoderLayerdrop;
    }

    /**
     * @return {@code decoder_layerdrop}: the probability of skipping a decoder layer while training
     */
    public float decoderLayerdrop() {
        return decoderLayerdrop;
    }

    /**
     * @return {@code activation_function}, such as {@code gelu}
     */
    public String activationFunction() {
        return activationFunction;
    }

    /**
     * @return {@code scale_embedding}: whether token embeddings are multiplied by {@code
     *     sqrt(d_model)}
     */
    public boolean scaleEmbedding() {
        return scaleEmbedding;
    }

    /**
     * @return the factor token embeddings are multiplied by
     */
    public float embedScale() {
        return scaleEmbedding ? (float) Math.sqrt(dModel) : 1f;
    }

    /**
     * @return {@code init_std}: the standard deviation of fresh weights
     */
    public float initStd() {
        return initStd;
    }
}
