package org.delta4j.spec;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.util.Objects;

/**
 * The JSON form of a {@link ModelStructure} (documented in the README): written pretty-printed,
 * read back with every required field checked, since Gson fills absent fields with {@code null}.
 */
final class StructureJson {
    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private StructureJson() {}

    /** See {@link ModelStructure#toJson()}. */
    static String write(ModelStructure structure) {
        return GSON.toJson(structure) + "\n";
    }

    /** See {@link ModelStructure#fromJson(String)}. */
    static ModelStructure read(String json) {
        ModelStructure s;
        try {
            s = GSON.fromJson(json, ModelStructure.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        if (s == null || !ModelStructure.FORMAT.equals(s.format())) {
            throw new IllegalArgumentException(
                    "expected a JSON object with \"format\": \"" + ModelStructure.FORMAT + "\"");
        }
        if (s.name() == null
                || s.modelClass() == null
                || s.modules() == null
                || s.modules().stream()
                        .anyMatch(
                                m ->
                                        m == null
                                                || m.path() == null
                                                || m.type() == null
                                                || m.parameters() == null)) {
            throw new IllegalArgumentException(
                    "expected \"name\", \"modelClass\" and \"modules\" with a \"path\", "
                            + "\"type\" and \"parameters\" each");
        }
        if (s.modules().stream().anyMatch(m -> m.unified().stream().anyMatch(Objects::isNull))) {
            throw new IllegalArgumentException("expected \"unified\" to list names, without null");
        }
        return s;
    }
}
