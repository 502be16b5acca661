package org.delta4j.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;

/**
 * Parses JSON as the standard defines it: no comments, unquoted names, NaN or trailing text, which
 * Gson allows.
 */
public final class StrictJson {
    private StrictJson() {}

    /**
     * @param text JSON text
     * @return the parsed value
     * @throws JsonParseException when the text is not one valid JSON value
     */
    public static JsonElement parse(String text) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement value = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("text after the JSON value");
            }
            return value;
        } catch (IOException e) {
            throw new JsonParseException(e.getMessage(), e);
        }
    }
}
