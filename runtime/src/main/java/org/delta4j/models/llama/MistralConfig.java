package org.delta4j.models.llama;

import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.nio.file.Path;

/**
 * HF's {@code MistralConfig} ({@code model_type} {@code mistral}): Llama without biases, every
 * layer attending within {@code sliding_window} positions (none when it is null).
 */
public final class MistralConfig extends LlamaFamilyConfig {
    @SerializedName("sliding_window")
    private Integer window = 4096;

    private MistralConfig() {
        super("mistral", "Mistral");
        intermediateSize = 14336;
        numKeyValueHeads = 8;
        maxPositionEmbeddings = 4096 * 32;
    }

    /**
     * @param json the text of a {@code config.json}
     * @return the configuration
     * @throws IllegalArgumentException when the text is not a valid Mistral configuration, saying
     *     why
     */
    public static MistralConfig fromJson(String json) {
        return parse(json, MistralConfig.class, "Mistral");
    }

    /**
     * @param file a {@code config.json}
     * @return the configuration
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is not a valid Mistral configuration, naming the
     *     file
     */
    public static MistralConfig read(Path file) throws IOException {
        return read(file, MistralConfig::fromJson);
    }

    @Override
    void validateFamily() {
        if (window != null) {
            requirePositive("sliding_window", window);
        }
    }

    @Override
    public boolean qkvBias() {
        return false;
    }

    @Override
    public boolean outputBias() {
        return false;
    }

    @Override
    public int slidingWindow(int layer) {
        return window == null ? 0 : window;
    }
}
