package org.delta4j.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pad id: config.json's, else the tokenizer's, else the end-of-sequence id. */
class PadIdTest {
    @TempDir Path temp;

    private Path config(String json) throws IOException {
        Files.writeString(temp.resolve("config.json"), json);
        return temp;
    }

    @Test
    void theConfigsPadTokenIdComesFirst() throws IOException {
        DataFiles.tokenizer(temp);
        assertEquals(5, PadId.resolve(config("{\"pad_token_id\": 5, \"eos_token_id\": 2}")));
    }

    @Test
    void withoutOneTheTokenizersPadTokenIsUsed() throws IOException {
        DataFiles.tokenizer(temp);
        assertEquals(3, PadId.resolve(config("{\"pad_token_id\": null, \"eos_token_id\": 2}")));
    }

    @Test
    void aPadTokenNamedInTokenizerConfigIsLookedUp() throws IOException {
        String tokenizer = Files.readString(DataFiles.tokenizer(temp).resolve("tokenizer.json"));
        Files.writeString(
                temp.resolve("tokenizer.json"),
                tokenizer.replaceFirst("\"padding\": \\{[^}]*\\}", "\"padding\": null"));
        Files.writeString(temp.resolve("tokenizer_config.json"), "{\"pad_token\": \"[SEP]\"}");
        assertEquals(2, PadId.resolve(config("{\"eos_token_id\": 7}")));
    }

    @Test
    void withoutATokenizerTheEndOfSequenceIdPads() throws IOException {
        assertEquals(98, PadId.resolve(config("{\"eos_token_id\": 98}")));
        assertEquals(4, PadId.resolve(config("{\"eos_token_id\": [4, 9]}")), "a list: the first");
    }

    @Test
    void noPadIdAtAllSaysWhatToSet() throws IOException {
        IOException e = assertThrows(IOException.class, () -> PadId.resolve(config("{}")));
        assertTrue(e.getMessage().contains("set pad_token_id in"), e.getMessage());
        IOException bad =
                assertThrows(
                        IOException.class, () -> PadId.resolve(config("{\"pad_token_id\": -1}")));
        assertTrue(
                bad.getMessage().contains("pad_token_id is -1, expected a token id"),
                bad.getMessage());
        IOException notJson = assertThrows(IOException.class, () -> PadId.resolve(config("{")));
        assertTrue(notJson.getMessage().contains("is not valid JSON"), notJson.getMessage());
    }
}
