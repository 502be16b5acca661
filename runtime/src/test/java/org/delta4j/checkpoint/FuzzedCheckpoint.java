package org.delta4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import org.delta4j.delta.Tuning;
import org.delta4j.io.Sha256;
import org.delta4j.testing.BackboneState;
import org.delta4j.testing.TinyNet;

/**
 * A saved checkpoint to damage, and a fresh backbone to load it onto, for the fuzz tests: every
 * failed load must give an {@link IOException} that names the folder and leave the backbone exactly
 * as it was (module paths, every parameter's bytes and trainable flag, attached deltas, output); a
 * load that succeeds must give the saved deltas and detach bit-exactly. Open one per test and close
 * it after.
 */
final class FuzzedCheckpoint implements AutoCloseable {
    final CheckpointTestbed bed;
    final TinyNet backbone;
    final Path dir;

    /** The intact files' bytes. */
    final byte[] config;

    final byte[] weights;

    /** The failed loads so far. */
    int errors;

    private final BackboneState pristine;
    private final float[] tunedOutput;

    /**
     * @param tmp the test's temporary folder
     */
    FuzzedCheckpoint(Path tmp) throws IOException {
        bed = new CheckpointTestbed(tmp);
        TinyNet trained = bed.net(1);
        Tuning t = CheckpointTestbed.attachMixed(trained);
        bed.randomize(t);
        dir = bed.saved(t);
        tunedOutput = bed.output(trained);
        config = Files.readAllBytes(dir.resolve(DeltaCheckpoint.CONFIG));
        weights = Files.readAllBytes(dir.resolve(DeltaCheckpoint.WEIGHTS));
        backbone = bed.net(1);
        pristine = BackboneState.of(backbone, () -> bed.output(backbone));
    }

    /** Restores both files, then writes one of them with these bytes. */
    void write(String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(DeltaCheckpoint.CONFIG), config);
        Files.write(dir.resolve(DeltaCheckpoint.WEIGHTS), weights);
        Files.write(dir.resolve(name), bytes);
    }

    /**
     * Records the weights' checksum in the config and drops the config's own seal, as a hand edit
     * would.
     */
    void reseal(byte[] newWeights) throws IOException {
        MessageDigest digest = Sha256.digest();
        digest.update(newWeights);
        JsonObject json =
                JsonParser.parseString(new String(config, StandardCharsets.UTF_8))
                        .getAsJsonObject();
        json.remove("configSha256");
        json.addProperty("weightsSha256", Sha256.hex(digest));
        Files.writeString(dir.resolve(DeltaCheckpoint.CONFIG), json.toString());
    }

    void assertPristine(String what) {
        pristine.assertSame(backbone, () -> bed.output(backbone), what);
    }

    void assertTuned(String what) {
        assertArrayEquals(tunedOutput, bed.output(backbone), what);
    }

    void mustFail(String what) {
        if (attempt(what)) {
            fail(what + " loaded");
        }
    }

    /**
     * @return whether the load succeeded (and then gave exactly the saved deltas, and detached
     *     bit-exactly)
     */
    boolean attempt(String what) {
        Tuning loaded;
        try {
            loaded = DeltaCheckpoint.load(dir, backbone);
        } catch (IOException e) {
            assertTrue(
                    e.getMessage() != null && e.getMessage().contains(dir.toString()),
                    what + ": the message names the folder: " + e.getMessage());
            assertFalse(e.getMessage().contains("null"), what + ": " + e.getMessage());
            assertPristine(what + " (" + e.getMessage() + ")");
            errors++;
            return false;
        } catch (RuntimeException e) {
            throw new AssertionError(what + " threw " + e + " instead of an IOException", e);
        }
        assertTuned(what);
        loaded.detach();
        assertPristine(what + " then detach");
        return true;
    }

    static byte[] flipped(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int flips = 1 + random.nextInt(3);
        for (int k = 0; k < flips; k++) {
            int at = random.nextInt(bytes.length);
            bytes[at] ^= (byte) (1 + random.nextInt(255));
        }
        return bytes;
    }

    boolean onlyWhitespaceDiffers(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != config[i] && !(isJsonSpace(bytes[i]) && isJsonSpace(config[i]))) {
                return false;
            }
        }
        return true;
    }

    static boolean isJsonSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    @Override
    public void close() {
        bed.close();
    }
}
