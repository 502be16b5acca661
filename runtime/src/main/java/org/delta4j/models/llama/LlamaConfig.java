package org.delta4j.models.llama;

import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.nio.file.Path;

/**
 * HF's {@code LlamaConfig} ({@code model_type} {@code llama}): biases on every attention projection
 * when {@code attention_bias}, on the MLP when {@code mlp_bias}; full causal attention.
 */
public final class LlamaConfig extends LlamaFamilyConfig {
    @SerializedName("attention_bias")
    private boolean attentionBias;

    @SerializedName("mlp_bias")
    private boolean mlpBias;

    private LlamaConfig() {
        super("llama", "Llama");
    }

    /**
     * @param json the text of a {@code config.json}
     * @return the configuration
     * @throws IllegalArgumentException when the text is not a valid Llama configuration, saying why
     */
    public static LlamaConfig fromJson(String json) {
        return parse(json, LlamaConfig.class, "Llama");
    }

    /**
     * @param file a {@code config.json}
     * @return the configuration
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is not a valid Llama configuration, naming the file
     */
    public static LlamaConfig read(Path file) throws IOException {
        return read(file, LlamaConfig::fromJson);
    }

    @Override
    void validateFamily() {}

    @Override
    public boolean qkvBias() {
        return attentionBias;
    }

    @Override
    public boolean outputBias() {
        return attentionBias;
    }

    @Override
    public boolean mlpBias() {
        return mlpBias;
    }

    @Override
    public int slidingWindow(int layer) {
        return 0;
    }
}
