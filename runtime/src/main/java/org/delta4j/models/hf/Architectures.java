package org.delta4j.models.hf;

import ai.djl.nn.Block;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.delta4j.models.ModelConfig;
import org.delta4j.models.bart.BartConfig;
import org.delta4j.models.bart.BartForConditionalGeneration;
import org.delta4j.models.bart.BartModel;
import org.delta4j.models.bert.BertConfig;
import org.delta4j.models.bert.BertForSequenceClassification;
import org.delta4j.models.bert.BertModel;
import org.delta4j.models.distilbert.DistilBertConfig;
import org.delta4j.models.distilbert.DistilBertModel;
import org.delta4j.models.gpt2.GPT2Config;
import org.delta4j.models.gpt2.GPT2LMHeadModel;
import org.delta4j.models.gpt2.GPT2Model;
import org.delta4j.models.roberta.RobertaConfig;
import org.delta4j.models.roberta.RobertaModel;
import org.delta4j.models.t5.T5Config;
import org.delta4j.models.t5.T5ForConditionalGeneration;
import org.delta4j.models.t5.T5Model;
import org.delta4j.nn.ForwardGate;

/**
 * The supported HF model types (how to read their configs) and model classes (how to build them).
 */
final class Architectures {
    private static final Map<String, Function<String, ModelConfig>> CONFIGS = new LinkedHashMap<>();
    private static final Map<String, Function<ModelConfig, Block>> MODELS = new LinkedHashMap<>();

    /** Per model type, the base model class and the prefix its head models keep it under. */
    private static final Map<String, BaseModel> BASES = new LinkedHashMap<>();

    static {
        CONFIGS.put("bart", BartConfig::fromJson);
        BASES.put("bart", new BaseModel("BartModel", "model", Map.of()));
        MODELS.put("BartModel", c -> new BartModel(as(BartConfig.class, c)));
        MODELS.put(
                "BartForConditionalGeneration",
                c -> new BartForConditionalGeneration(as(BartConfig.class, c)));
        CONFIGS.put("bert", BertConfig::fromJson);
        BASES.put("bert", new BaseModel("BertModel", "bert", Map.of("pooler", "pooler_output")));
        MODELS.put("BertModel", c -> new BertModel(as(BertConfig.class, c)));
        MODELS.put(
                "BertForSequenceClassification",
                c -> new BertForSequenceClassification(as(BertConfig.class, c)));
        CONFIGS.put("roberta", RobertaConfig::fromJson);
        BASES.put(
                "roberta",
                new BaseModel("RobertaModel", "roberta", Map.of("pooler", "pooler_output")));
        MODELS.put("RobertaModel", c -> new RobertaModel(as(RobertaConfig.class, c)));
        CONFIGS.put("distilbert", DistilBertConfig::fromJson);
        BASES.put("distilbert", new BaseModel("DistilBertModel", "distilbert", Map.of()));
        MODELS.put("DistilBertModel", c -> new DistilBertModel(as(DistilBertConfig.class, c)));
        CONFIGS.put("gpt2", GPT2Config::fromJson);
        BASES.put("gpt2", new BaseModel("GPT2Model", "transformer", Map.of()));
        MODELS.put("GPT2Model", c -> new GPT2Model(as(GPT2Config.class, c)));
        MODELS.put("GPT2LMHeadModel", c -> new GPT2LMHeadModel(as(GPT2Config.class, c)));
        CONFIGS.put("t5", T5Config::fromJson);
        BASES.put("t5", new BaseModel("T5Model", "", Map.of()));
        MODELS.put("T5Model", c -> new T5Model(as(T5Config.class, c)));
        MODELS.put(
                "T5ForConditionalGeneration",
                c -> new T5ForConditionalGeneration(as(T5Config.class, c)));
    }

    /**
     * @return the supported HF model class names, in registration order
     */
    static Set<String> classNames() {
        return Collections.unmodifiableSet(MODELS.keySet());
    }

    private Architectures() {}

    /**
     * @param modelType HF's {@code model_type}
     * @param json the config text
     * @return the parsed config
     * @throws IllegalArgumentException for an unsupported model type, naming the supported ones
     */
    static ModelConfig parseConfig(String modelType, String json) {
        Function<String, ModelConfig> parser = CONFIGS.get(modelType);
        if (parser == null) {
            throw new IllegalArgumentException(
                    "Unsupported model_type \""
                            + modelType
                            + "\"; supported: "
                            + String.join(", ", CONFIGS.keySet()));
        }
        return parser.apply(json);
    }

    /**
     * @param className an HF model class name, such as {@code BartModel}
     * @param config its configuration
     * @return a new, uninitialised model
     * @throws IllegalArgumentException for an unsupported class, naming the supported ones
     */
    static Block build(String className, ModelConfig config) {
        Function<ModelConfig, Block> factory = MODELS.get(className);
        if (factory == null) {
            throw new IllegalArgumentException(
                    "Unsupported architecture \""
                            + className
                            + "\"; supported: "
                            + String.join(", ", MODELS.keySet()));
        }
        Block model = factory.apply(config);
        ForwardGate.of(model); // gated from the start, so no forward pass can race the first change
        return model;
    }

    /**
     * @param modelType HF's {@code model_type}, one {@link #parseConfig} accepts
     * @return its base model (what HF's {@code AutoModel} builds)
     */
    static BaseModel base(String modelType) {
        return BASES.get(modelType);
    }

    /**
     * A model type's base model.
     *
     * @param className the HF class, such as {@code BertModel}
     * @param prefix where models with a head hold it ({@code bert} in {@code BertForMaskedLM});
     *     empty where they hold its parts at the top level, as T5's do
     * @param optionalParts its top-level parts that head classes may be saved without ({@code
     *     pooler}: HF's {@code add_pooling_layer=False}), initialised fresh when loading it from
     *     such a checkpoint, each with the named output that only it computes ({@code
     *     pooler_output})
     */
    record BaseModel(String className, String prefix, Map<String, String> optionalParts) {}

    private static <C extends ModelConfig> C as(Class<C> type, ModelConfig config) {
        if (!type.isInstance(config)) {
            throw new IllegalArgumentException(
                    "This architecture needs a "
                            + type.getSimpleName()
                            + ", got a "
                            + config.getClass().getSimpleName()
                            + " (model_type \""
                            + config.modelType()
                            + "\")");
        }
        return type.cast(config);
    }
}
