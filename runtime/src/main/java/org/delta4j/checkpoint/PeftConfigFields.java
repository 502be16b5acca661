package org.delta4j.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** Typed reads of a PEFT adapter config's fields, each failure naming the file and the field. */
record PeftConfigFields(Path file, JsonObject json) {
    interface Flag {
        boolean of(JsonPrimitive value);
    }

    private IOException wrong(String field, String expected) {
        return new IOException(
                file
                        + ": \""
                        + field
                        + "\" must be "
                        + expected
                        + ", not "
                        + json.get(field)
                        + ".");
    }

    private JsonPrimitive primitive(String field) {
        JsonElement e = json.get(field);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsJsonPrimitive();
    }

    String string(String field, String fallback) throws IOException {
        return optional(
                field, fallback, "a string", JsonPrimitive::isString, JsonPrimitive::getAsString);
    }

    boolean bool(String field, boolean fallback) throws IOException {
        return optional(
                field,
                fallback,
                "true or false",
                JsonPrimitive::isBoolean,
                JsonPrimitive::getAsBoolean);
    }

    double number(String field, double fallback) throws IOException {
        return optional(
                field, fallback, "a number", JsonPrimitive::isNumber, JsonPrimitive::getAsDouble);
    }

    /**
     * An optional field of one JSON kind: absent or null gives the fallback, anything else fails.
     */
    private <T> T optional(
            String field,
            T fallback,
            String expected,
            Predicate<JsonPrimitive> isKind,
            Function<JsonPrimitive, T> read)
            throws IOException {
        JsonElement e = json.get(field);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        if (!e.isJsonPrimitive() || !isKind.test(e.getAsJsonPrimitive())) {
            throw wrong(field, expected);
        }
        return read.apply(e.getAsJsonPrimitive());
    }

    int positiveInt(String field) throws IOException {
        JsonPrimitive p = primitive(field);
        if (p == null || !p.isNumber()) {
            throw wrong(field, "a positive integer");
        }
        try {
            int v = p.getAsBigDecimal().intValueExact();
            if (v >= 1) {
                return v;
            }
        } catch (ArithmeticException e) {
            // not an int: falls through
        }
        throw wrong(field, "a positive integer");
    }

    List<String> strings(String field, String expected) throws IOException {
        JsonElement e = json.get(field);
        if (!e.isJsonArray()) {
            throw wrong(field, expected);
        }
        List<String> out = new ArrayList<>();
        for (JsonElement item : e.getAsJsonArray()) {
            if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
                throw wrong(field, expected);
            }
            out.add(item.getAsString());
        }
        return List.copyOf(out);
    }

    void refuse(String field, String what, Flag isOn) throws IOException {
        JsonPrimitive p = primitive(field);
        if (p != null && p.isBoolean() && isOn.of(p)) {
            throw new IOException(
                    file
                            + ": the adapter uses "
                            + what
                            + " (\""
                            + field
                            + "\": true), which delta4j "
                            + "does not run.");
        }
    }

    void refuseUnlessEmpty(String field, String what) throws IOException {
        JsonElement e = json.get(field);
        boolean empty =
                e == null
                        || e.isJsonNull()
                        || (e.isJsonObject() && e.getAsJsonObject().isEmpty())
                        || (e.isJsonArray() && e.getAsJsonArray().isEmpty());
        if (!empty) {
            throw new IOException(
                    file
                            + ": the adapter uses "
                            + what
                            + " (\""
                            + field
                            + "\": "
                            + e
                            + "), which "
                            + "delta4j does not run.");
        }
    }
}
