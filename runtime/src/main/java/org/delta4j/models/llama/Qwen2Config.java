package org.delta4j.models.llama;

import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.nio.file.Path;

/**
 * HF's {@code Qwen2Config} ({@code model_type} {@code qwen2}): Llama with biases on {@code q_proj},
 * {@code k_proj} and {@code v_proj}; with {@code use_sliding_window}, the layers from {@code
 * max_window_layers} on attend within {@code sliding_window} positions.
 */
public final class Qwen2Config extends LlamaFamilyConfig {
    @SerializedName("use_sliding_window")
    private boolean useSlidingWindow;

    @SerializedName("sliding_window")
    private Integer window = 4096;

    @SerializedName("max_window_layers")
    private int maxWindowLayers = 28;

    private Qwen2Config() {
        super("qwen2", "Qwen2");
        vocabSize = 151936;
        intermediateSize = 22016;
        maxPositionEmbeddings = 32768;
    }

    /**
     * @param json the text of a {@code config.json}
     * @return the configuration
     * @throws IllegalArgumentException when the text is not a valid Qwen2 configuration, saying why
     */
    public static Qwen2Config fromJson(String json) {
        return parse(json, Qwen2Config.class, "Qwen2");
    }

    /**
     * @param file a {@code config.json}
     * @return the configuration
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is not a valid Qwen2 configuration, naming the file
     */
    public static Qwen2Config read(Path file) throws IOException {
        return read(file, Qwen2Config::fromJson);
    }

    @Override
    void validateFamily() {
        if (useSlidingWindow && window != null) {
            requirePositive("sliding_window", window);
        }
    }

    @Override
    public boolean qkvBias() {
        return true;
    }

    @Override
    public boolean outputBias() {
        return false;
    }

    @Override
    public int slidingWindow(int layer) {
        return useSlidingWindow && window != null && layer >= maxWindowLayers ? window : 0;
    }
}
