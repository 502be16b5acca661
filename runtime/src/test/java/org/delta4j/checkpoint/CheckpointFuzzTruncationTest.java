package org.delta4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.delta4j.delta.Tuning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds every truncation of either file to {@link DeltaCheckpoint#load} (about 2,300 loads), with
 * and without a recomputed checksum; each must fail as {@link FuzzedCheckpoint} requires. The one
 * other outcome allowed is dropping the config's trailing whitespace, which JSON cannot tell from
 * the original: it must then load the very same deltas.
 */
class CheckpointFuzzTruncationTest {
    @TempDir Path tmp;

    private FuzzedCheckpoint fuzz;

    @BeforeEach
    void setUp() throws IOException {
        fuzz = new FuzzedCheckpoint(tmp);
    }

    @AfterEach
    void tearDown() {
        fuzz.close();
    }

    @Test
    void theIntactCheckpointLoadsAndDetachesBitExactly() throws IOException {
        Tuning loaded = DeltaCheckpoint.load(fuzz.dir, fuzz.backbone);
        fuzz.assertTuned("intact");
        loaded.detach();
        fuzz.assertPristine("after detach");
    }

    @Test
    void everyTruncationOfTheWeightsFileFails() throws IOException {
        for (int length = 0; length < fuzz.weights.length; length++) {
            fuzz.write(DeltaCheckpoint.WEIGHTS, Arrays.copyOf(fuzz.weights, length));
            fuzz.mustFail("weights truncated to " + length + " bytes");
        }
        assertEquals(fuzz.weights.length, fuzz.errors);
    }

    /**
     * Every truncation fails, but for dropping the final newline, which leaves the very same JSON.
     */
    @Test
    void everyTruncationOfTheConfigFails() throws IOException {
        byte[] config = fuzz.config;
        int content = config.length;
        while (FuzzedCheckpoint.isJsonSpace(config[content - 1])) {
            content--;
        }
        for (int length = 0; length < config.length; length++) {
            fuzz.write(DeltaCheckpoint.CONFIG, Arrays.copyOf(config, length));
            if (length < content) {
                fuzz.mustFail("config truncated to " + length + " bytes");
            } else {
                assertTrue(fuzz.attempt("config without its trailing whitespace"));
            }
        }
        assertEquals(content, fuzz.errors);
    }

    /**
     * As if the checksum had been recomputed for the damaged file: the safetensors reader and the
     * shape and key checks must catch every truncation on their own.
     */
    @Test
    void everyTruncationOfAResealedWeightsFileFails() throws IOException {
        for (int length = 0; length < fuzz.weights.length; length++) {
            byte[] bytes = Arrays.copyOf(fuzz.weights, length);
            fuzz.write(DeltaCheckpoint.WEIGHTS, bytes);
            fuzz.reseal(bytes);
            fuzz.mustFail("resealed weights truncated to " + length + " bytes");
        }
        assertEquals(fuzz.weights.length, fuzz.errors);
    }
}
