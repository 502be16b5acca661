package org.delta4j.models;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.delta4j.io.UserFiles;
import org.delta4j.nn.HfActivation;

/**
 * Base of the configuration classes: reads a {@code config.json} into a subclass's fields (declared
 * with HF's names and defaults), holds the fields every HF configuration has ({@code model_type},
 * {@code architectures}) and gives the checks the subclasses share, with HF's field names in their
 * messages. A subclass checks its own fields in {@link #validate()}.
 */
public abstract class HfConfig implements ModelConfig {
    private static final Gson GSON = new Gson();

    /** The model type the subclass parses; not read from the JSON. */
    private final transient String expectedType;

    @SerializedName("model_type")
    private String modelType;

    private List<String> architectures = List.of();

    /**
     * Gson calls the subclass's no-argument constructor, which calls this, before it sets the
     * fields the JSON has.
     *
     * @param modelType the {@code model_type} the subclass's {@code config.json} must have, and its
     *     default
     */
    protected HfConfig(String modelType) {
        this.expectedType = modelType;
        this.modelType = modelType;
    }

    /**
     * Parses and checks a configuration.
     *
     * @param json the text of a {@code config.json}
     * @param type the configuration class, which has a no-argument constructor setting its defaults
     * @param family the model family, for error messages, such as {@code GPT-2}
     * @param <C> the configuration type
     * @return the configuration
     * @throws IllegalArgumentException when the text is not a JSON object of the right field types
     *     or does not pass the checks, saying why
     */
    protected static <C extends HfConfig> C parse(String json, Class<C> type, String family) {
        C config;
        try {
            config = GSON.fromJson(json, type);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(
                    "Not a valid " + family + " config.json: " + e.getMessage(), e);
        }
        if (config == null) {
            throw new IllegalArgumentException("Not a valid " + family + " config.json: empty");
        }
        ((HfConfig) config).check();
        return config;
    }

    /**
     * @param file a {@code config.json}
     * @param fromJson the configuration's parser
     * @param <C> the configuration type
     * @return the configuration
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is not valid, naming the file
     */
    protected static <C> C read(Path file, Function<String, C> fromJson) throws IOException {
        String json = UserFiles.readUtf8(file);
        try {
            return fromJson.apply(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private void check() {
        if (!expectedType.equals(modelType)) {
            throw new IllegalArgumentException(
                    "model_type is \"" + modelType + "\", expected \"" + expectedType + "\"");
        }
        // JSON null, which Gson stores over the default.
        if (architectures == null) {
            architectures = List.of();
        }
        validate();
    }

    /**
     * Checks the subclass's own fields once they are read, and derives any that depend on others.
     *
     * @throws IllegalArgumentException when a value is not valid, naming the field
     */
    protected abstract void validate();

    /**
     * @param field the HF field name
     * @param value its value
     * @throws IllegalArgumentException when the value is not positive, naming the field
     */
    protected static void requirePositive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }

    /**
     * @param field the HF name of a layer count, such as {@code num_hidden_layers}
     * @param value its value
     * @throws IllegalArgumentException when it is not positive or above {@link
     *     ModelLimits#MAX_LAYERS}, naming the field and the limit
     */
    protected static void requireLayers(String field, int value) {
        requirePositive(field, value);
        if (value > ModelLimits.MAX_LAYERS) {
            throw new IllegalArgumentException(
                    field
                            + " = "
                            + value
                            + " is more layers than delta4j builds: at most "
                            + ModelLimits.MAX_LAYERS
                            + ", "
                            + ModelLimits.ABOVE_REAL_MODELS);
        }
    }

    /**
     * @param field the HF name of an epsilon a layer norm divides by, such as {@code
     *     layer_norm_eps}
     * @param value its value
     * @throws IllegalArgumentException when it is not a positive finite number (every output would
     *     be NaN)
     */
    protected static void requireEpsilon(String field, float value) {
        if (!(value > 0) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(
                    field
                            + " = "
                            + value
                            + " is not a positive finite number: layer "
                            + "norms divide by sqrt(variance + "
                            + field
                            + "), so every output would be NaN or 0; HF's "
                            + "default is about 1e-5 to 1e-12");
        }
    }

    /**
     * @param field the HF name of a dropout or layer-drop probability, such as {@code
     *     hidden_dropout_prob}
     * @param value its value
     * @throws IllegalArgumentException when it is not in [0, 1)
     */
    protected static void requireProbability(String field, float value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(
                    field + " = " + value + " is not a probability in [0, 1)");
        }
    }

    /**
     * @param field the HF name of a scale of fresh weights, such as {@code initializer_range}
     * @param value its value
     * @throws IllegalArgumentException when it is negative, NaN or infinite
     */
    protected static void requireScale(String field, float value) {
        if (!(value >= 0) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(
                    field + " = " + value + " is not a finite number of at least 0");
        }
    }

    /**
     * @param sizeField the HF name of a size, such as {@code d_model}
     * @param size its value
     * @param partsField the HF name of what must divide it, such as {@code num_heads}
     * @param parts its value, positive
     * @throws IllegalArgumentException when {@code parts} does not divide {@code size}, naming both
     *     fields
     */
    protected static void requireDivisible(
            String sizeField, int size, String partsField, int parts) {
        if (size % parts != 0) {
            throw new IllegalArgumentException(
                    sizeField + " " + size + " is not divisible by " + partsField + " " + parts);
        }
    }

    /**
     * @param field the HF name of a token id, such as {@code pad_token_id}
     * @param id its value
     * @param vocabSize the size of the vocabulary
     * @throws IllegalArgumentException when the id is not a row of the vocabulary
     */
    protected static void requireTokenId(String field, int id, int vocabSize) {
        if (id < 0 || id >= vocabSize) {
            throw new IllegalArgumentException(
                    field + " " + id + " is outside the vocabulary of " + vocabSize);
        }
    }

    /**
     * Fails at parsing, naming the supported values, rather than when the first layer is built.
     *
     * @param name an HF activation name, such as {@code gelu_new}
     * @throws IllegalArgumentException when the runtime does not implement it
     */
    protected static void requireActivation(String name) {
        HfActivation.forName(name);
    }

    @Override
    public String modelType() {
        return modelType;
    }

    @Override
    public List<String> architectures() {
        return List.copyOf(architectures);
    }
}
