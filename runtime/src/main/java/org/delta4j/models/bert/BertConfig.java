package org.delta4j.models.bert;

import com.google.gson.annotations.SerializedName;
import java.util.Map;
import org.delta4j.models.HfConfig;

/**
 * HF's {@code BertConfig}, read from a {@code config.json}. Absent fields take HF's defaults (those
 * of bert-base-uncased); fields the modules do not use are ignored. {@link
 * org.delta4j.models.roberta.RobertaConfig} extends it with RoBERTa's defaults.
 */
public class BertConfig extends HfConfig {
    @SerializedName("vocab_size")
    private int vocabSize = 30522;

    @SerializedName("hidden_size")
    private int hiddenSize = 768;

    @SerializedName("num_hidden_layers")
    private int numHiddenLayers = 12;

    @SerializedName("num_attention_heads")
    private int numAttentionHeads = 12;

    @SerializedName("intermediate_size")
    private int intermediateSize = 3072;

    @SerializedName("hidden_act")
    private String hiddenAct = "gelu";

    @SerializedName("hidden_dropout_prob")
    private float hiddenDropoutProb = 0.1f;

    @SerializedName("attention_probs_dropout_prob")
    private float attentionProbsDropoutProb = 0.1f;

    @SerializedName("max_position_embeddings")
    private int maxPositionEmbeddings = 512;

    @SerializedName("type_vocab_size")
    private int typeVocabSize = 2;

    @SerializedName("initializer_range")
    private float initializerRange = 0.02f;

    @SerializedName("layer_norm_eps")
    private float layerNormEps = 1e-12f;

    @SerializedName("pad_token_id")
    private int padTokenId;

    @SerializedName("position_embedding_type")
    private String positionEmbeddingType = "absolute";

    @SerializedName("is_decoder")
    private boolean isDecoder;

    @SerializedName("classifier_dropout")
    private Float classifierDropout;

    @SerializedName("id2label")
    private Map<String, String> id2label;

    @SerializedName("num_labels")
    private Integer numLabels;

    /** BERT's defaults; Gson calls this before it sets the fields the JSON has. */
    private BertConfig() {
        this("bert", 0);
    }

    /**
     * A configuration with the defaults of a BERT variant.
     *
     * @param modelType the {@code model_type} the variant's {@code config.json} must have
     * @param padTokenId the variant's default {@code pad_token_id}
     */
    protected BertConfig(String modelType, int padTokenId) {
        super(modelType);
        this.padTokenId = padTokenId;
    }

    /**
     * @param json the text of a {@code config.json}
     * @return the configuration
     * @throws IllegalArgumentException when the text is not a valid BERT configuration, saying why
     */
    public static BertConfig fromJson(String json) {
        return parse(json, BertConfig.class);
    }

    /**
     * Parses and checks the configuration of a BERT variant.
     *
     * @param json the text of a {@code config.json}
     * @param type the variant's configuration class, which has a no-argument constructor setting
     *     its defaults
     * @param <C> the configuration class
     * @return the configuration
     * @throws IllegalArgumentException when the text is not a valid configuration of that variant,
     *     saying why
     */
    protected static <C extends BertConfig> C parse(String json, Class<C> type) {
        return parse(json, type, type.getSimpleName());
    }

    @Override
    protected void validate() {
        requirePositive("vocab_size", vocabSize);
        requirePositive("hidden_size", hiddenSize);
        requireLayers("num_hidden_layers", numHiddenLayers);
        requirePositive("num_attention_heads", numAttentionHeads);
        requirePositive("intermediate_size", intermediateSize);
        requirePositive("max_position_embeddings", maxPositionEmbeddings);
        requirePositive("type_vocab_size", typeVocabSize);
        requirePositive("num_labels", numLabels());
        requireDivisible("hidden_size", hiddenSize, "num_attention_heads", numAttentionHeads);
        requireTokenId("pad_token_id", padTokenId, vocabSize);
        requireEpsilon("layer_norm_eps", layerNormEps);
        requireProbability("hidden_dropout_prob", hiddenDropoutProb);
        requireProbability("attention_probs_dropout_prob", attentionProbsDropoutProb);
        requireProbability("classifier_dropout", classifierDropout());
        requireScale("initializer_range", initializerRange);
        if (!"absolute".equals(positionEmbeddingType)) {
            throw new IllegalArgumentException(
                    "position_embedding_type \""
                            + positionEmbeddingType
                            + "\" is not supported; only \"absolute\" is");
        }
        if (isDecoder) {
            throw new IllegalArgumentException("is_decoder: true (causal BERT) is not supported");
        }
        requireActivation(hiddenAct);
    }

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
     * @return {@code num_hidden_layers}
     */
    public int numHiddenLayers() {
        return numHiddenLayers;
    }

    /**
     * @return {@code num_attention_heads}
     */
    public int numAttentionHeads() {
        return numAttentionHeads;
    }

    /**
     * @return {@code intermediate_size}: the feed-forward width
     */
    public int intermediateSize() {
        return intermediateSize;
    }

    /**
     * @return {@code hidden_act}, such as {@code gelu}
     */
    public String hiddenAct() {
        return hiddenAct;
    }

    /**
     * @return {@code hidden_dropout_prob}: on embeddings and sub-layer outputs
     */
    public float hiddenDropoutProb() {
        return hiddenDropoutProb;
    }

    /**
     * @return {@code attention_probs_dropout_prob}: on attention probabilities
     */
    public float attentionProbsDropoutProb() {
        return attentionProbsDropoutProb;
    }

    /**
     * @return {@code max_position_embeddings}
     */
    public int maxPositionEmbeddings() {
        return maxPositionEmbeddings;
    }

    /**
     * @return {@code type_vocab_size}: the number of token types (segments)
     */
    public int typeVocabSize() {
        return typeVocabSize;
    }

    /**
     * @return {@code initializer_range}: the standard deviation of fresh weights
     */
    public float initializerRange() {
        return initializerRange;
    }

    /**
     * @return {@code layer_norm_eps}
     */
    public float layerNormEps() {
        return layerNormEps;
    }

    /**
     * @return {@code pad_token_id}: the padding row of the word embeddings
     */
    public int padTokenId() {
        return padTokenId;
    }

    /**
     * @return the dropout before a classifier: {@code classifier_dropout}, or {@code
     *     hidden_dropout_prob} if unset
     */
    public float classifierDropout() {
        return classifierDropout != null ? classifierDropout : hiddenDropoutProb;
    }

    /**
     * @return the number of labels, as HF derives it: the size of {@code id2label}, else {@code
     *     num_labels}, else 2
     */
    public int numLabels() {
        if (id2label != null) {
            return id2label.size();
        }
        return numLabels != null ? numLabels : 2;
    }
}
