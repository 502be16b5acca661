package org.delta4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.delta.bitfit.BitFitSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.io.Sha256;
import org.delta4j.nn.ParameterValues;
import org.delta4j.testing.BackboneState;
import org.delta4j.testing.TinyNet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds truncated and corrupted checkpoints to {@link DeltaCheckpoint#load}: every truncation of either file, random
 * byte flips, missing, empty and padded files (about 3,500 loads). Each must give an {@link IOException} that names the folder, and leave
 * the backbone exactly as it was: module paths, every parameter's bytes and trainable flag, attached deltas, output.
 * The one other outcome allowed is a config change that JSON cannot tell from the original (a space turned into
 * another whitespace character): it must then load the very same deltas.
 */
class CheckpointFuzzTest {
    private static final int FLIPS = 400;

    @TempDir
    Path tmp;

    private NDManager manager;
    private NDArray x;
    private TinyNet backbone;
    private BackboneState pristine;
    private Path dir;
    private byte[] config;
    private byte[] weights;
    private float[] tunedOutput;
    private int errors;

    @BeforeEach
    void setUp() throws IOException {
        manager = NDManager.newBaseManager();
        x = manager.randomNormal(new Shape(2, 5, TinyNet.WIDTH));
        TinyNet trained = TinyNet.seeded(manager, 1);
        Tuning t = TuningSpec.builder()
                .add(AdapterSpec.builder().modules("fc2").bottleneck(3).build())
                .add(LoraSpec.builder().modules("layers.0.fc1").r(2).alpha(4).build())
                .add(BitFitSpec.builder().modules("head").build())
                .freeze(FreezeSpec.builder().exclude("deltas", "layers.1.norm").build())
                .build().attach(trained);
        t.deltaParameters().values().forEach(p -> ParameterValues.assign(p, manager.randomNormal(p.getShape())));
        dir = tmp.resolve("ckpt");
        DeltaCheckpoint.save(t, dir);
        tunedOutput = TinyNet.output(trained, manager, x);
        config = Files.readAllBytes(dir.resolve(DeltaCheckpoint.CONFIG));
        weights = Files.readAllBytes(dir.resolve(DeltaCheckpoint.WEIGHTS));
        backbone = TinyNet.seeded(manager, 1);
        pristine = BackboneState.of(backbone, () -> TinyNet.output(backbone, manager, x));
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void theIntactCheckpointLoadsAndDetachesBitExactly() throws IOException {
        Tuning loaded = DeltaCheckpoint.load(dir, backbone);
        assertArrayEquals(tunedOutput, TinyNet.output(backbone, manager, x));
        loaded.detach();
        pristine.assertSame(backbone, () -> TinyNet.output(backbone, manager, x), "after detach");
    }

    @Test
    void everyTruncationOfTheWeightsFileFails() throws IOException {
        for (int length = 0; length < weights.length; length++) {
            write(DeltaCheckpoint.WEIGHTS, Arrays.copyOf(weights, length));
            mustFail("weights truncated to " + length + " bytes");
        }
        assertEquals(weights.length, errors);
    }

    /** Every truncation fails, but for dropping the final newline, which leaves the very same JSON. */
    @Test
    void everyTruncationOfTheConfigFails() throws IOException {
        int content = config.length;
        while (isJsonSpace(config[content - 1])) {
            content--;
        }
        for (int length = 0; length < config.length; length++) {
            write(DeltaCheckpoint.CONFIG, Arrays.copyOf(config, length));
            if (length < content) {
                mustFail("config truncated to " + length + " bytes");
            } else {
                assertTrue(attempt("config without its trailing whitespace"));
            }
        }
        assertEquals(content, errors);
    }

    /**
     * As if the checksum had been recomputed for the damaged file: the safetensors reader and the shape and key
     * checks must catch every truncation on their own.
     */
    @Test
    void everyTruncationOfAResealedWeightsFileFails() throws IOException {
        for (int length = 0; length < weights.length; length++) {
            byte[] bytes = Arrays.copyOf(weights, length);
            write(DeltaCheckpoint.WEIGHTS, bytes);
            reseal(bytes);
            mustFail("resealed weights truncated to " + length + " bytes");
        }
        assertEquals(weights.length, errors);
    }

    /** Records the weights' checksum in the config and drops the config's own seal, as a hand edit would. */
    private void reseal(byte[] newWeights) throws IOException {
        MessageDigest digest = Sha256.digest();
        digest.update(newWeights);
        JsonObject json = JsonParser.parseString(
                new String(config, StandardCharsets.UTF_8)).getAsJsonObject();
        json.remove("configSha256");
        json.addProperty("weightsSha256", Sha256.hex(digest));
        Files.writeString(dir.resolve(DeltaCheckpoint.CONFIG), json.toString());
    }

    @Test
    void flippedBytesInTheWeightsFileFail() throws IOException {
        Random random = new Random(42);
        for (int i = 0; i < FLIPS; i++) {
            write(DeltaCheckpoint.WEIGHTS, flipped(weights, random));
            mustFail("weights flip #" + i);
        }
    }

    @Test
    void flippedBytesInTheConfigFailUnlessJsonCannotTell() throws IOException {
        Random random = new Random(7);
        int harmless = 0;
        for (int i = 0; i < FLIPS; i++) {
            byte[] bytes = flipped(config, random);
            write(DeltaCheckpoint.CONFIG, bytes);
            if (attempt("config flip #" + i)) {
                harmless++;
                assertTrue(onlyWhitespaceDiffers(bytes), "config flip #" + i + " loaded: "
                        + new String(bytes, StandardCharsets.UTF_8));
            }
        }
        assertTrue(errors > FLIPS * 9 / 10, errors + " errors, " + harmless + " harmless");
    }

    @Test
    void missingEmptyAndPaddedFilesFail() throws IOException {
        for (String name : new String[] {DeltaCheckpoint.CONFIG, DeltaCheckpoint.WEIGHTS}) {
            byte[] original = name.equals(DeltaCheckpoint.CONFIG) ? config : weights;
            Files.delete(dir.resolve(name));
            mustFail(name + " missing");
            write(name, new byte[0]);
            mustFail(name + " empty");
            byte[] padded = Arrays.copyOf(original, original.length + 8);
            write(name, padded);
            mustFail(name + " with zeros appended");
            write(name, "garbage".getBytes(StandardCharsets.UTF_8));
            mustFail(name + " replaced by text");
            write(name, original);
        }
        assertEquals(8, errors);
    }

    private void write(String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(DeltaCheckpoint.CONFIG), config);
        Files.write(dir.resolve(DeltaCheckpoint.WEIGHTS), weights);
        Files.write(dir.resolve(name), bytes);
    }

    /** Also with a recomputed checksum: most flips break the header; those in the data must not crash. */
    @Test
    void flippedBytesInAResealedWeightsFileFailOrLoadOtherValues() throws IOException {
        Random random = new Random(3);
        for (int i = 0; i < FLIPS; i++) {
            byte[] bytes = flipped(weights, random);
            write(DeltaCheckpoint.WEIGHTS, bytes);
            reseal(bytes);
            try {
                DeltaCheckpoint.load(dir, backbone).detach();
                pristine.assertSame(backbone, () -> TinyNet.output(backbone, manager, x), "resealed flip #" + i + " then detach");
            } catch (IOException e) {
                assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
                pristine.assertSame(backbone, () -> TinyNet.output(backbone, manager, x), "resealed flip #" + i);
                errors++;
            }
        }
        assertTrue(errors > 0);
    }

    private void mustFail(String what) {
        if (attempt(what)) {
            fail(what + " loaded");
        }
    }

    /** @return whether the load succeeded (and then gave exactly the saved deltas, and detached bit-exactly) */
    private boolean attempt(String what) {
        Tuning loaded;
        try {
            loaded = DeltaCheckpoint.load(dir, backbone);
        } catch (IOException e) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(dir.toString()),
                    what + ": the message names the folder: " + e.getMessage());
            assertFalse(e.getMessage().contains("null"), what + ": " + e.getMessage());
            pristine.assertSame(backbone, () -> TinyNet.output(backbone, manager, x), what + " (" + e.getMessage() + ")");
            errors++;
            return false;
        } catch (RuntimeException e) {
            throw new AssertionError(what + " threw " + e + " instead of an IOException", e);
        }
        assertArrayEquals(tunedOutput, TinyNet.output(backbone, manager, x), what);
        loaded.detach();
        pristine.assertSame(backbone, () -> TinyNet.output(backbone, manager, x), what + " then detach");
        return true;
    }

    private static byte[] flipped(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int flips = 1 + random.nextInt(3);
        for (int k = 0; k < flips; k++) {
            int at = random.nextInt(bytes.length);
            bytes[at] ^= (byte) (1 + random.nextInt(255));
        }
        return bytes;
    }

    private boolean onlyWhitespaceDiffers(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != config[i] && !(isJsonSpace(bytes[i]) && isJsonSpace(config[i]))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isJsonSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
