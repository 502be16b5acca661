package org.delta4j.models;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** What the configuration classes share: reading a {@code config.json} into fields, and checking values. */
public final class ConfigJson {
    private static final Gson GSON = new Gson();

    private ConfigJson() {}

    /**
     * @param json the text of a {@code config.json}
     * @param type the configuration class, whose fields carry HF's names and defaults
     * @param family the model family, for error messages, such as {@code GPT-2}
     * @param <C> the configuration type
     * @return the configuration, not yet validated
     * @throws IllegalArgumentException when the text is not a JSON object of the right field types
     */
    public static <C> C parse(String json, Class<C> type, String family) {
        C config;
        try {
            config = GSON.fromJson(json, type);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("Not a valid " + family + " config.json: " + e.getMessage(), e);
        }
        if (config == null) {
            throw new IllegalArgumentException("Not a valid " + family + " config.json: empty");
        }
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
    public static <C> C read(Path file, Function<String, C> fromJson) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return fromJson.apply(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param field the HF field name
     * @param value its value
     * @throws IllegalArgumentException when the value is not positive, naming the field
     */
    public static void requirePositive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }

    /**
     * @param actual the {@code model_type} in the file
     * @param expected the model type of the configuration class
     * @throws IllegalArgumentException when they differ
     */
    public static void requireModelType(String actual, String expected) {
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException("model_type is \"" + actual + "\", expected \"" + expected + "\"");
        }
    }
}
