package org.delta4j.models.hf;

import ai.djl.nn.Block;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.delta4j.models.llama.LlamaConfig;
import org.delta4j.models.llama.LlamaForCausalLM;
import org.delta4j.models.llama.LlamaModel;
import org.delta4j.models.llama.MistralConfig;
import org.delta4j.models.llama.MistralForCausalLM;
import org.delta4j.models.llama.MistralModel;
import org.delta4j.models.llama.Qwen2Config;
import org.delta4j.models.llama.Qwen2ForCausalLM;
import org.delta4j.models.llama.Qwen2Model;
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

    /** Per model class, its model type. */
    private static final Map<String, String> TYPES = new LinkedHashMap<>();

    /**
     * Per class with a classification head, the path of its linear classifier, whose outputs are
     * the config's {@code num_labels}.
     */
    private static final Map<String, String> CLASSIFIERS =
            Map.of("BertForSequenceClassification", "classifier");

    /** Per model type, the base model class and the prefix its head models keep it under. */
    private static final Map<String, BaseModel> BASES = new LinkedHashMap<>();

    static {
        CONFIGS.put("bart", BartConfig::fromJson);
        BASES.put("bart", new BaseModel("BartModel", "model", Map.of()));
        model("bart", "BartModel", c -> new BartModel(as(BartConfig.class, c)));
        model(
                "bart",
                "BartForConditionalGeneration",
                c -> new BartForConditionalGeneration(as(BartConfig.class, c)));
        CONFIGS.put("bert", BertConfig::fromJson);
        BASES.put("bert", new BaseModel("BertModel", "bert", Map.of("pooler", "pooler_output")));
        model("bert", "BertModel", c -> new BertModel(as(BertConfig.class, c)));
        model(
                "bert",
                "BertForSequenceClassification",
                c -> new BertForSequenceClassification(as(BertConfig.class, c)));
        CONFIGS.put("roberta", RobertaConfig::fromJson);
        BASES.put(
                "roberta",
                new BaseModel("RobertaModel", "roberta", Map.of("pooler", "pooler_output")));
        model("roberta", "RobertaModel", c -> new RobertaModel(as(RobertaConfig.class, c)));
        CONFIGS.put("distilbert", DistilBertConfig::fromJson);
        BASES.put("distilbert", new BaseModel("DistilBertModel", "distilbert", Map.of()));
        model(
                "distilbert",
                "DistilBertModel",
                c -> new DistilBertModel(as(DistilBertConfig.class, c)));
        CONFIGS.put("gpt2", GPT2Config::fromJson);
        BASES.put("gpt2", new BaseModel("GPT2Model", "transformer", Map.of()));
        model("gpt2", "GPT2Model", c -> new GPT2Model(as(GPT2Config.class, c)));
        model("gpt2", "GPT2LMHeadModel", c -> new GPT2LMHeadModel(as(GPT2Config.class, c)));
        llamaFamily();
        CONFIGS.put("t5", T5Config::fromJson);
        BASES.put("t5", new BaseModel("T5Model", "", Map.of()));
        model("t5", "T5Model", c -> new T5Model(as(T5Config.class, c)));
        model(
                "t5",
                "T5ForConditionalGeneration",
                c -> new T5ForConditionalGeneration(as(T5Config.class, c)));
    }

    private static void llamaFamily() {
        CONFIGS.put("llama", LlamaConfig::fromJson);
        BASES.put("llama", new BaseModel("LlamaModel", "model", Map.of()));
        model("llama", "LlamaModel", c -> new LlamaModel(as(LlamaConfig.class, c)));
        model("llama", "LlamaForCausalLM", c -> new LlamaForCausalLM(as(LlamaConfig.class, c)));
        CONFIGS.put("mistral", MistralConfig::fromJson);
        BASES.put("mistral", new BaseModel("MistralModel", "model", Map.of()));
        model("mistral", "MistralModel", c -> new MistralModel(as(MistralConfig.class, c)));
        model(
                "mistral",
                "MistralForCausalLM",
                c -> new MistralForCausalLM(as(MistralConfig.class, c)));
        CONFIGS.put("qwen2", Qwen2Config::fromJson);
        BASES.put("qwen2", new BaseModel("Qwen2Model", "model", Map.of()));
        model("qwen2", "Qwen2Model", c -> new Qwen2Model(as(Qwen2Config.class, c)));
        model("qwen2", "Qwen2ForCausalLM", c -> new Qwen2ForCausalLM(as(Qwen2Config.class, c)));
    }

    /**
     * @return the supported HF model class names, in registration order
     */
    static Set<String> classNames() {
        return Collections.unmodifiableSet(MODELS.keySet());
    }

    private Architectures() {}

    private static void model(
            String modelType, String className, Function<ModelConfig, Block> factory) {
        TYPES.put(className, modelType);
        MODELS.put(className, factory);
    }

    /**
     * @param modelType HF's {@code model_type}
     * @return the classes of that model type this runtime builds, the base model first; empty for
     *     an unknown type
     */
    static List<String> classesOf(String modelType) {
        return TYPES.entrySet().stream()
                .filter(e -> e.getValue().equals(modelType))
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * @param className an HF model class name
     * @return the path of its linear classifier, whose outputs are the config's {@code num_labels};
     *     empty for a class without a classification head
     */
    static Optional<String> classifier(String className) {
        return Optional.ofNullable(CLASSIFIERS.get(className));
    }

    /**
     * @return the classes with a classification head, in registration order
     */
    static List<String> classifiers() {
        return MODELS.keySet().stream().filter(CLASSIFIERS::containsKey).toList();
    }

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
