package org.delta4j.models.t5;

import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.nio.file.Path;
import org.delta4j.models.HfConfig;

/**
 * HF's {@code T5Config}, read from a {@code config.json}. Absent fields take HF's defaults (those
 * of t5-small); fields the model's modules do not use (generation, caching) are ignored. The
 * feed-forward activation and gating come from {@code feed_forward_proj} as HF derives them ({@code
 * relu}, {@code gated-gelu}, ...).
 */
public final class T5Config extends HfConfig {
    @SerializedName("vocab_size")
    private int vocabSize = 32128;

    @SerializedName("d_model")
    private int dModel = 512;

    @SerializedName("d_kv")
    private int dKv = 64;

    @SerializedName("d_ff")
    private int dFf = 2048;

    @SerializedName("num_layers")
    private int numLayers = 6;

    @SerializedName("num_decoder_layers")
    private Integer numDecoderLayers;

    @SerializedName("num_heads")
    private int numHeads = 8;

    @SerializedName("relative_attention_num_buckets")
    private int relativeAttentionNumBuckets = 32;

    @SerializedName("relative_attention_max_distance")
    private int relativeAttentionMaxDistance = 128;

    @SerializedName("dropout_rate")
    private float dropoutRate = 0.1f;

    @SerializedName("layer_norm_epsilon")
    private float layerNormEpsilon = 1e-6f;

    @SerializedName("initializer_factor")
    private float initializerFactor = 1f;

    @SerializedName("feed_forward_proj")
    private String feedForwardProj = "relu";

    @SerializedName("pad_token_id")
    private int padTokenId;

    @SerializedName("decoder_start_token_id")
    private Integer decoderStartTokenId;

    @SerializedName("tie_word_embeddings")
    private boolean tieWordEmbeddings = true;

    /**
     * Not used by HF's T5 (relative positions have no table), but by delta4j as the longest input
     * it accepts.
     */
    @SerializedName("n_positions")
    private int nPositions = 512;

    private transient String denseActFn;
    private transient boolean gatedAct;

    private T5Config() {
        super("t5");
    }

    /**
     * @param json the text of a {@code config.json}
     * @return the configuration
     * @throws IllegalArgumentException when the text is not a valid T5 configuration, saying why
     */
    public static T5Config fromJson(String json) {
        return parse(json, T5Config.class, "T5");
    }

    /**
     * @param file a {@code config.json}
     * @return the configuration
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is not a valid T5 configuration, naming the file
     */
    public static T5Config read(Path file) throws IOException {
        return read(file, T5Config::fromJson);
    }

    @Override
    protected void validate() {
        requirePositive("vocab_size", vocabSize);
        requirePositive("d_model", dModel);
        requirePositive("d_kv", dKv);
        requirePositive("d_ff", dFf);
        requireLayers("num_layers", numLayers);
        requireLayers("num_decoder_layers", decoderLayers());
        requirePositive("num_heads", numHeads);
        requirePositive("relative_attention_num_buckets", relativeAttentionNumBuckets);
        requirePositive("relative_attention_max_distance", relativeAttentionMaxDistance);
        requirePositive("n_positions", nPositions);
        requireTokenId("pad_token_id", padTokenId, vocabSize);
        requireEpsilon("layer_norm_epsilon", layerNormEpsilon);
        requireProbability("dropout_rate", dropoutRate);
        requireScale("initializer_factor", initializerFactor);
        // HF's reading of feed_forward_proj: "<act>" or "gated-<act>"; "gated-gelu" means gelu_new.
        String[] parts = String.valueOf(feedForwardProj).split("-", -1);
        if (parts.length > 2 || (parts.length == 2 && !"gated".equals(parts[0]))) {
            throw new IllegalArgumentException(
                    "feed_forward_proj \""
                            + feedForwardProj
                            + "\" is not of the form "
                            + "\"<activation>\" or \"gated-<activation>\"");
        }
        gatedAct = parts.length == 2;
        denseActFn = "gated-gelu".equals(feedForwardProj) ? "gelu_new" : parts[parts.length - 1];
        requireActivation(denseActFn);
    }

    /**
     * @return {@code n_positions} (512 when absent, as t5-small's config.json gives it): the
     *     longest input and decoder input, in tokens, that the model accepts. HF's T5 has no such
     *     limit, but its attention takes memory that grows with the square of the length, so
     *     delta4j refuses longer inputs unless the config raises it.
     */
    public int nPositions() {
        return nPositions;
    }

    /**
     * @return {@code vocab_size}
     */
    public int vocabSize() {
        return vocabSize;
    }

    /**
     * @return {@code d_model}: the hidden size
     */
    public int dModel() {
        return dModel;
    }

    /**
     * @return {@code d_kv}: the size of one attention head
     */
    public int dKv() {
        return dKv;
    }

    /**
     * @return {@code d_ff}: the feed-forward size
     */
    public int dFf() {
        return dFf;
    }

    /**
     * @return {@code num_layers}: the number of encoder blocks
     */
    public int numLayers() {
        return numLayers;
    }

    /**
     * @return the number of decoder blocks: {@code num_decoder_layers}, or {@code num_layers} when
     *     it is null
     */
    public int decoderLayers() {
        return numDecoderLayers != null ? numDecoderLayers : numLayers;
    }

    /**
     * @return {@code num_heads}
     */
    public int numHeads() {
        return numHeads;
    }

    /**
     * @return {@code relative_attention_num_buckets}
     */
    public int relativeAttentionNumBuckets() {
        return relativeAttentionNumBuckets;
    }

    /**
     * @return {@code relative_attention_max_distance}
     */
    public int relativeAttentionMaxDistance() {
        return relativeAttentionMaxDistance;
    }

    /**
     * @return {@code dropout_rate}: every dropout of the model
     */
    public float dropoutRate() {
        return dropoutRate;
    }

    /**
     * @return {@code layer_norm_epsilon}
     */
    public float layerNormEpsilon() {
        return layerNormEpsilon;
    }

    /**
     * @return {@code initializer_factor}: the scale of every fresh weight's standard deviation
     */
    public float initializerFactor() {
        return initializerFactor;
    }

    /**
     * @return the standard deviation of fresh feed-forward input weights ({@code wi}, {@code wi_0},
     *     {@code wi_1})
     */
    public float wiStd() {
        return (float) (initializerFactor / Math.sqrt(dModel));
    }

    /**
     * @return the standard deviation of fresh feed-forward output weights ({@code wo})
     */
    public float woStd() {
        return (float) (initializerFactor / Math.sqrt(dFf));
    }

    /**
     * @return the feed-forward activation's HF name, derived from {@code feed_forward_proj}
     */
    public String denseActFn() {
        return denseActFn;
    }

    /**
     * @return whether the feed-forward is gated ({@code feed_forward_proj} {@code gated-<act>})
     */
    public boolean isGatedAct() {
        return gatedAct;
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
     * @throws IllegalStateException when the configuration does not define it (HF raises too)
     */
    public int decoderStartTokenId() {
        if (decoderStartTokenId == null) {
            throw new IllegalStateException(
                    "decoder_start_token_id is not defined in the config, so the decoder "
                            + "input cannot be derived from input_ids; pass decoder_input_ids");
        }
        return decoderStartTokenId;
    }

    /**
     * @return {@code tie_word_embeddings}: whether {@code lm_head} reuses {@code shared} (and
     *     rescales its input)
     */
    public boolean tieWordEmbeddings() {
        return tieWordEmbeddings;
    }
}
