package org.delta4j.train.data;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.delta4j.io.StrictJson;
import org.delta4j.io.UserFiles;
import org.delta4j.models.text.TextInputs;

/**
 * The id that pads a batch's {@code input_ids}, found as HF users set it: the {@code pad_token_id}
 * of the model's {@code config.json}; else the tokenizer's pad token ({@code padding.pad_id} of
 * {@code tokenizer.json}, else the {@code pad_token} of {@code tokenizer_config.json}); else the
 * {@code eos_token_id} (GPT-2's checkpoints have no pad token, and fine-tuning recipes pad with the
 * end-of-text token). The padded positions have attention mask 0 and label {@code -100}, so the
 * choice changes no loss; it only has to be an id the model can look up.
 */
public final class PadId {
    private static final String CONFIG = "config.json";

    private PadId() {}

    /**
     * @param modelDir a model folder with a {@code config.json}, and possibly the tokenizer files
     * @return the pad id
     * @throws IOException when {@code config.json} is missing, unreadable or not a JSON object, or
     *     when no pad id is found, saying which fields were read and how to set one
     */
    public static int resolve(Path modelDir) throws IOException {
        Path file = modelDir.resolve(CONFIG);
        JsonObject config;
        try {
            JsonElement json = StrictJson.parse(UserFiles.readUtf8(file));
            if (!json.isJsonObject()) {
                throw new IOException(file + " is not a JSON object");
            }
            config = json.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        OptionalInt id = tokenId(config, "pad_token_id", file);
        if (id.isEmpty() && Files.exists(modelDir.resolve(TextInputs.TOKENIZER_FILE))) {
            id = TextInputs.padId(modelDir);
        }
        if (id.isEmpty()) {
            id = tokenId(config, "eos_token_id", file);
        }
        if (id.isEmpty()) {
            throw new IOException(
                    "no pad id for "
                            + modelDir
                            + ": config.json has no pad_token_id or eos_token_id and no tokenizer"
                            + " names a pad token; set pad_token_id in "
                            + file);
        }
        return id.getAsInt();
    }

    /**
     * A token-id field: an integer, or (newer configs' eos_token_id) a list, of which the first
     * counts.
     */
    private static OptionalInt tokenId(JsonObject config, String field, Path file)
            throws IOException {
        JsonElement value = config.get(field);
        if (value != null && value.isJsonArray() && !value.getAsJsonArray().isEmpty()) {
            value = value.getAsJsonArray().get(0);
        }
        if (value == null || value.isJsonNull() || value.isJsonArray()) {
            return OptionalInt.empty();
        }
        if (!value.isJsonPrimitive()
                || !value.getAsJsonPrimitive().isNumber()
                || value.getAsDouble() != Math.rint(value.getAsDouble())
                || value.getAsDouble() < 0
                || value.getAsDouble() > Integer.MAX_VALUE) {
            throw new IOException(
                    file
                            + ": "
                            + field
                            + " is "
                            + value
                            + ", expected a token id (an integer >= 0)");
        }
        return OptionalInt.of(value.getAsInt());
    }
}
