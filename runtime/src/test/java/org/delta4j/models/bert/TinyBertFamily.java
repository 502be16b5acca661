package org.delta4j.models.bert;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.List;
import org.delta4j.models.ModelConfig;
import org.delta4j.models.distilbert.DistilBertConfig;
import org.delta4j.models.hf.HfModels;
import org.delta4j.models.roberta.RobertaConfig;

/**
 * Tiny BERT-family models for tests that need no fixtures: the fixtures' sizes (hidden 32, 2
 * layers, 4 heads, intermediate 37, vocabulary 99, 64 positions), dropout 0.1 everywhere.
 */
public final class TinyBertFamily {
    /** The model classes, as {@code architectures} names them. */
    static final List<String> ARCHITECTURES =
            List.of(
                    "BertModel",
                    "BertForSequenceClassification",
                    "RobertaModel",
                    "DistilBertModel");

    private TinyBertFamily() {}

    /**
     * @return {@link #ARCHITECTURES}, for parameterised tests
     */
    static List<String> architectures() {
        return ARCHITECTURES;
    }

    /**
     * @param architecture one of {@link #ARCHITECTURES}
     * @return its configuration
     */
    public static ModelConfig config(String architecture) {
        String head =
                "{\"architectures\": [\""
                        + architecture
                        + "\"], \"vocab_size\": 99, "
                        + "\"max_position_embeddings\": 64, ";
        if (architecture.startsWith("Distil")) {
            return DistilBertConfig.fromJson(
                    head
                            + "\"model_type\": \"distilbert\", \"dim\": 32, \"n_layers\": 2,"
                            + " \"n_heads\": 4, \"hidden_dim\": 37}");
        }
        String bert =
                head
                        + "\"hidden_size\": 32, \"num_hidden_layers\": 2, \"num_attention_heads\": 4,"
                        + " \"intermediate_size\": 37, ";
        return architecture.startsWith("Roberta")
                ? RobertaConfig.fromJson(bert + "\"model_type\": \"roberta\"}")
                : BertConfig.fromJson(bert + "\"model_type\": \"bert\"}");
    }

    /**
     * @param architecture one of {@link #ARCHITECTURES}
     * @param manager the manager that will own the weights
     * @param seed the engine's random seed
     * @return a randomly initialised model
     */
    static Block random(String architecture, NDManager manager, int seed) {
        return HfModels.random(config(architecture), manager, seed);
    }

    /**
     * @param architecture one of {@link #ARCHITECTURES}
     * @return the module path of the first layer's self-attention, where prefix tuning plugs in
     */
    static String selfAttention(String architecture) {
        switch (architecture) {
            case "BertForSequenceClassification":
                return "bert.encoder.layer.0.attention.self";
            case "DistilBertModel":
                return "transformer.layer.0.attention";
            default:
                return "encoder.layer.0.attention.self";
        }
    }

    /**
     * @param architecture one of {@link #ARCHITECTURES}
     * @return the module path of the word-embedding table
     */
    static String wordEmbeddings(String architecture) {
        return architecture.equals("BertForSequenceClassification")
                ? "bert.embeddings.word_embeddings"
                : "embeddings.word_embeddings";
    }
}
