package org.delta4j.models;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses an {@code inputs.json}: a JSON object of integer matrices by HF argument name, such as
 * {@code {"input_ids": [[0, 31414, 2]], "attention_mask": [[1, 1, 1]]}}. The JSON must be standard
 * (no comments, single quotes, unquoted names or trailing text, which Gson would otherwise allow)
 * and every value an integer literal: {@code null}, strings such as {@code "5"}, fractions and
 * exponents are errors naming the place.
 */
final class InputsJson {
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

    /**
     * How Gson's strict reader reports what its lenient mode would accept; the advice is for
     * programmers.
     */
    private static final String GSON_STRICT =
            "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed " + "JSON ";

    private static final String FORMAT =
            "expected a JSON object of integer matrices by input name, such as "
                    + "{\"input_ids\": [[0, 31414, 2]], \"attention_mask\": [[1, 1, 1]]}";

    private InputsJson() {}

    /**
     * @param text the file's text
     * @return the matrices by name, in file order (rows may still be empty or ragged: {@link
     *     ModelInputs#of} checks that)
     * @throws IllegalArgumentException saying what is wrong and where
     */
    static Map<String, long[][]> parse(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException(FORMAT + ", got nothing (the file is empty)");
        }
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw new IllegalArgumentException(FORMAT + ", got " + describe(reader.peek()));
            }
            Map<String, long[][]> out = new LinkedHashMap<>();
            reader.beginObject();
            while (reader.hasNext()) {
                String name = reader.nextName();
                if (out.containsKey(name)) {
                    throw new IllegalArgumentException("\"" + name + "\" is given twice");
                }
                out.put(name, matrix(reader, name));
            }
            reader.endObject();
            reader.peek(); // the strict reader refuses anything but white space after the object
            return out;
        } catch (IOException e) {
            // Gson's syntax errors name the line and column on their first line; a link to its
            // guide follows.
            String first = e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException(
                    "not valid JSON: "
                            + (first.startsWith(GSON_STRICT)
                                    ? "malformed "
                                            + first.substring(GSON_STRICT.length())
                                            + " (comments, single quotes, unquoted "
                                            + "names and text after the object are not JSON)"
                                    : first),
                    e);
        }
    }

    private static long[][] matrix(JsonReader reader, String name) throws IOException {
        expectArray(reader, "\"" + name + "\"", "a matrix of integers such as [[0, 31414, 2]]");
        List<long[]> rows = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
            String row = "\"" + name + "\"[" + rows.size() + "]";
            expectArray(reader, row, "a row of integers such as [0, 31414, 2]");
            List<Long> values = new ArrayList<>();
            reader.beginArray();
            while (reader.hasNext()) {
                values.add(integer(reader, row + "[" + values.size() + "]"));
            }
            reader.endArray();
            rows.add(values.stream().mapToLong(Long::longValue).toArray());
        }
        reader.endArray();
        return rows.toArray(long[][]::new);
    }

    private static long integer(JsonReader reader, String where) throws IOException {
        if (reader.peek() != JsonToken.NUMBER) {
            throw new IllegalArgumentException(
                    where + " must be an integer, got " + describe(reader.peek()));
        }
        String literal = reader.nextString();
        if (!INTEGER.matcher(literal).matches()) {
            throw new IllegalArgumentException(where + " must be an integer, got " + literal);
        }
        try {
            return Long.parseLong(literal);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    where + " is " + literal + ", beyond a 64-bit integer", e);
        }
    }

    private static void expectArray(JsonReader reader, String where, String what)
            throws IOException {
        if (reader.peek() != JsonToken.BEGIN_ARRAY) {
            throw new IllegalArgumentException(
                    where + " must be " + what + ", got " + describe(reader.peek()));
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case NULL -> "null";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case BEGIN_OBJECT -> "an object";
            case BEGIN_ARRAY -> "an array";
            default -> token.toString();
        };
    }
}
