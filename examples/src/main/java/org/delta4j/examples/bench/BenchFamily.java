package org.delta4j.examples.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.delta4j.models.ModelConfig;
import org.delta4j.models.bert.BertConfig;
import org.delta4j.models.gpt2.GPT2Config;
import org.delta4j.models.llama.LlamaConfig;
import org.delta4j.models.llama.Qwen2Config;
import org.delta4j.models.t5.T5Config;

/**
 * The model families the encoder-style benchmark builds, chosen by the config's {@code model_type}:
 * how to read the config and where LoRA goes (PEFT's default targets for the family). {@code
 * bench/encoder_bench.py} has the same table.
 */
enum BenchFamily {
    /** BERT: LoRA on {@code query} and {@code value}. */
    BERT("bert", BertConfig::fromJson, BertConfig::vocabSize, "query", "value"),
    /** GPT-2 (causal mask): LoRA on the fused {@code c_attn}. */
    GPT2("gpt2", GPT2Config::fromJson, GPT2Config::vocabSize, "c_attn"),
    /** T5 encoder-decoder: LoRA on {@code q} and {@code v}. */
    T5("t5", T5Config::fromJson, T5Config::vocabSize, "q", "v"),
    /** Llama: LoRA on {@code q_proj} and {@code v_proj}. */
    LLAMA("llama", LlamaConfig::fromJson, LlamaConfig::vocabSize, "q_proj", "v_proj"),
    /** Qwen2 (Llama family with q/k/v biases): LoRA on {@code q_proj} and {@code v_proj}. */
    QWEN2("qwen2", Qwen2Config::fromJson, Qwen2Config::vocabSize, "q_proj", "v_proj");

    private final String modelType;
    private final Function<String, ModelConfig> parser;
    private final ToIntFunction<ModelConfig> vocabSize;
    private final List<String> loraModules;

    <C extends ModelConfig> BenchFamily(
            String modelType,
            Function<String, C> parser,
            ToIntFunction<C> vocabSize,
            String... loraModules) {
        this.modelType = modelType;
        this.parser = parser::apply;
        // Only ever applied to what this family's parser returned.
        @SuppressWarnings("unchecked")
        ToIntFunction<ModelConfig> vocab = c -> vocabSize.applyAsInt((C) c);
        this.vocabSize = vocab;
        this.loraModules = List.of(loraModules);
    }

    /**
     * @return the modules LoRA attaches to
     */
    List<String> loraModules() {
        return loraModules;
    }

    /**
     * @param json a {@code config.json}
     * @param batch the batch size
     * @param length the sequence length
     * @param seed the seed of the weights and of the token ids
     * @return the setup of the family the config's {@code model_type} names
     * @throws IllegalArgumentException when the model type is missing or not a benchmark family, or
     *     the config is invalid
     */
    static EncoderSetup setup(String json, int batch, int length, int seed) {
        JsonElement type = JsonParser.parseString(json).getAsJsonObject().get("model_type");
        BenchFamily family = of(type == null ? null : type.getAsString());
        ModelConfig config = family.parser.apply(json);
        return new EncoderSetup(
                config, family, family.vocabSize.applyAsInt(config), batch, length, seed);
    }

    /**
     * @param modelType HF's {@code model_type}
     * @return its family
     * @throws IllegalArgumentException when it is not one of the benchmark's families
     */
    static BenchFamily of(String modelType) {
        return Arrays.stream(values())
                .filter(f -> f.modelType.equals(modelType))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "the config's model_type is "
                                                + modelType
                                                + "; the benchmark builds "
                                                + Arrays.stream(values())
                                                        .map(f -> f.modelType)
                                                        .toList()
                                                + " (set model_type to one of them)"));
    }
}
