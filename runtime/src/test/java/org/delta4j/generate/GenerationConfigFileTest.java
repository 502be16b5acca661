package org.delta4j.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.delta4j.generate.search.EarlyStopping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GenerationConfig#fromFolder} reads a folder as transformers 4.38.2 does. */
class GenerationConfigFileTest {
    @TempDir Path dir;

    @Test
    void configJsonGivesTheGenerationFieldsAndHfDefaultsTheRest() throws IOException {
        Files.writeString(
                dir.resolve("config.json"),
                "{\"model_type\": \"bart\", \"eos_token_id\": 2, \"pad_token_id\": 1,"
                        + " \"forced_eos_token_id\": 2, \"decoder_start_token_id\": 2,"
                        + " \"num_beams\": 4, \"early_stopping\": true, \"vocab_size\": 99}");
        GenerationConfig c = GenerationConfig.fromFolder(dir);
        assertArrayEquals(new long[] {2}, c.eosTokenIds());
        assertArrayEquals(new long[] {2}, c.forcedEosTokenIds());
        assertEquals(1L, c.padTokenId());
        assertEquals(4, c.numBeams());
        assertEquals(EarlyStopping.TRUE, c.earlyStopping());
        assertEquals(GenerationConfig.DEFAULT_MAX_LENGTH, c.maxLength());
        assertNull(c.maxNewTokens());
        assertEquals(50, c.topK());
        assertNull(c.bosTokenId());
    }

    @Test
    void generationConfigJsonWinsOverConfigJson() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"eos_token_id\": 2, \"num_beams\": 4}");
        Files.writeString(
                dir.resolve("generation_config.json"),
                "{\"eos_token_id\": [5, 6], \"early_stopping\": \"never\", \"max_new_tokens\": 7}");
        GenerationConfig c = GenerationConfig.fromFolder(dir);
        assertArrayEquals(new long[] {5, 6}, c.eosTokenIds());
        assertEquals(1, c.numBeams());
        assertEquals(EarlyStopping.NEVER, c.earlyStopping());
        assertEquals(7, c.maxNewTokens());
    }

    @Test
    void badAndUnsupportedFieldsNameTheFileAndField() throws IOException {
        Files.writeString(dir.resolve("generation_config.json"), "{\"num_beams\": \"four\"}");
        String m =
                assertThrows(IOException.class, () -> GenerationConfig.fromFolder(dir))
                        .getMessage();
        assertEquals(
                dir.resolve("generation_config.json")
                        + ": num_beams must be an integer, got \"four\"",
                m);
        Files.writeString(
                dir.resolve("generation_config.json"),
                "{\"bad_words_ids\": [[3]], \"typical_p\": 1.0, \"suppress_tokens\": []}");
        m = assertThrows(IOException.class, () -> GenerationConfig.fromFolder(dir)).getMessage();
        assertTrue(
                m.endsWith(
                        "bad_words_ids = [[3]] is not supported by delta4j's generate;"
                                + " remove it or set it to null"),
                m);
    }
}
