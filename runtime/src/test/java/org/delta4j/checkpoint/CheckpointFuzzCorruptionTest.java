package org.delta4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds corrupted checkpoints to {@link DeltaCheckpoint#load}: random byte flips in either file,
 * with and without a recomputed checksum, and missing, empty, padded and replaced files (about
 * 1,200 loads). Each must fail as {@link FuzzedCheckpoint} requires, but for a config change JSON
 * cannot tell from the original (a space turned into another whitespace character), which must load
 * the very same deltas.
 */
class CheckpointFuzzCorruptionTest {
    private static final int FLIPS = 400;

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
    void flippedBytesInTheWeightsFileFail() throws IOException {
        Random random = new Random(42);
        for (int i = 0; i < FLIPS; i++) {
            fuzz.write(DeltaCheckpoint.WEIGHTS, FuzzedCheckpoint.flipped(fuzz.weights, random));
            fuzz.mustFail("weights flip #" + i);
        }
    }

    @Test
    void flippedBytesInTheConfigFailUnlessJsonCannotTell() throws IOException {
        Random random = new Random(7);
        int harmless = 0;
        for (int i = 0; i < FLIPS; i++) {
            byte[] bytes = FuzzedCheckpoint.flipped(fuzz.config, random);
            fuzz.write(DeltaCheckpoint.CONFIG, bytes);
            if (fuzz.attempt("config flip #" + i)) {
                harmless++;
                assertTrue(
                        fuzz.onlyWhitespaceDiffers(bytes),
                        "config flip #"
                                + i
                                + " loaded: "
                                + new String(bytes, StandardCharsets.UTF_8));
            }
        }
        assertTrue(
                fuzz.errors > FLIPS * 9 / 10, fuzz.errors + " errors, " + harmless + " harmless");
    }

    @Test
    void missingEmptyAndPaddedFilesFail() throws IOException {
        for (String name : new String[] {DeltaCheckpoint.CONFIG, DeltaCheckpoint.WEIGHTS}) {
            byte[] original = name.equals(DeltaCheckpoint.CONFIG) ? fuzz.config : fuzz.weights;
            Files.delete(fuzz.dir.resolve(name));
            fuzz.mustFail(name + " missing");
            fuzz.write(name, new byte[0]);
            fuzz.mustFail(name + " empty");
            byte[] padded = Arrays.copyOf(original, original.length + 8);
            fuzz.write(name, padded);
            fuzz.mustFail(name + " with zeros appended");
            fuzz.write(name, "garbage".getBytes(StandardCharsets.UTF_8));
            fuzz.mustFail(name + " replaced by text");
            fuzz.write(name, original);
        }
        assertEquals(8, fuzz.errors);
    }

    /**
     * Also with a recomputed checksum: most flips break the header; those in the data must not
     * crash.
     */
    @Test
    void flippedBytesInAResealedWeightsFileFailOrLoadOtherValues() throws IOException {
        Random random = new Random(3);
        for (int i = 0; i < FLIPS; i++) {
            byte[] bytes = FuzzedCheckpoint.flipped(fuzz.weights, random);
            fuzz.write(DeltaCheckpoint.WEIGHTS, bytes);
            fuzz.reseal(bytes);
            try {
                DeltaCheckpoint.load(fuzz.dir, fuzz.backbone).detach();
                fuzz.assertPristine("resealed flip #" + i + " then detach");
            } catch (IOException e) {
                assertTrue(e.getMessage().contains(fuzz.dir.toString()), e.getMessage());
                fuzz.assertPristine("resealed flip #" + i);
                fuzz.errors++;
            }
        }
        assertTrue(fuzz.errors > 0);
    }
}
