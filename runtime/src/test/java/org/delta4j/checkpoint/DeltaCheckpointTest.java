package org.delta4j.checkpoint;

import static org.delta4j.checkpoint.CheckpointTestbed.editConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.delta4j.Delta4j;
import org.delta4j.delta.DeltaValues;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.io.Safetensors;
import org.delta4j.io.SafetensorsFile;
import org.delta4j.io.Sha256;
import org.delta4j.testing.TinyNet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saving and reloading delta checkpoints: the files and their config, the backbone fingerprint,
 * replacing a folder, the seal, and loading beside other deltas. Checkpoints that do not fit:
 * {@link DeltaCheckpointErrorsTest}.
 */
class DeltaCheckpointTest {
    @TempDir Path tmp;

    private CheckpointTestbed bed;

    @BeforeEach
    void setUp() {
        bed = new CheckpointTestbed(tmp);
    }

    @AfterEach
    void tearDown() {
        bed.close();
    }

    @Test
    void reloadsIntoAFreshBackboneWithIdenticalOutputs() throws IOException {
        TinyNet a = bed.net(1);
        Tuning t = bed.tuned(a);
        Path dir = bed.saved(t);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(
                    List.of(DeltaCheckpoint.CONFIG, DeltaCheckpoint.WEIGHTS),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        TinyNet b = bed.net(1);
        Tuning loaded = DeltaCheckpoint.load(dir, b);
        assertEquals(t.deltaParameters().keySet(), loaded.deltaParameters().keySet());
        assertArrayEquals(bed.output(a), bed.output(b));
        JsonObject config =
                JsonParser.parseString(
                                Files.readString(
                                        dir.resolve(DeltaCheckpoint.CONFIG),
                                        StandardCharsets.UTF_8))
                        .getAsJsonObject();
        assertEquals(DeltaCheckpoint.FORMAT, config.get("format").getAsString());
        assertEquals(Delta4j.VERSION, config.get("delta4jVersion").getAsString());
        JsonObject backbone = config.getAsJsonObject("backbone");
        assertEquals("TinyNet", backbone.get("modelClass").getAsString());
        assertEquals(64, backbone.get("structureSha256").getAsString().length());
        assertEquals(64, backbone.get("parametersSha256").getAsString().length());
        assertEquals(
                Sha256.ofFile(dir.resolve(DeltaCheckpoint.WEIGHTS)),
                config.get("weightsSha256").getAsString());
        JsonObject lora = config.getAsJsonArray("deltas").get(1).getAsJsonObject();
        assertEquals("lora", lora.get("deltaType").getAsString());
        assertEquals(4.0, lora.getAsJsonObject("arguments").get("lora_alpha").getAsDouble());
        assertEquals("[\"layers.0.fc1\"]", lora.get("modifiedModules").toString());
    }

    @Test
    void theFingerprintIgnoresTheDeltasAndWhatTheCheckpointCarries() throws IOException {
        TinyNet a = bed.net(1);
        BackboneFingerprint before = BackboneFingerprint.of(a, Set.of());
        Tuning t = bed.tuned(a);
        Path dir = bed.saved(t);
        Set<String> carried;
        try (SafetensorsFile f = Safetensors.open(dir.resolve(DeltaCheckpoint.WEIGHTS))) {
            carried = Set.copyOf(f.names());
        }
        // The layer norm the freeze left trainable is carried, so it is out of the fingerprint, and
        // so is head.bias.
        assertTrue(
                carried.contains("layers.1.norm.weight") && carried.contains("head.bias"),
                carried::toString);
        BackboneFingerprint attached = BackboneFingerprint.of(a, carried);
        BackboneFingerprint fresh = BackboneFingerprint.of(bed.net(1), carried);
        assertEquals(fresh, attached);
        assertFalse(
                before.structure().equals(attached.structure()),
                "carried parameters are not hashed");
        BackboneFingerprint otherWeights = BackboneFingerprint.of(bed.net(2), carried);
        assertFalse(fresh.parameters().equals(otherWeights.parameters()));
        assertEquals(fresh.structure(), otherWeights.structure());
    }

    @Test
    void savingOverAnExistingCheckpointReplacesItWhole() throws IOException {
        Path dir = tmp.resolve("ckpt");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("stale.txt"), "old");
        DeltaCheckpoint.save(bed.tuned(bed.net(1)), dir);
        assertFalse(Files.exists(dir.resolve("stale.txt")));
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(List.of("ckpt"), siblings.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void otherFrozenWeightsAreAnErrorUnlessOnlyTheStructureIsChecked() throws IOException {
        TinyNet a = bed.net(1);
        Tuning t = bed.tuned(a);
        Path dir = bed.saved(t);
        TinyNet other = bed.net(2);
        bed.assertFailsUntouched(
                dir,
                other,
                "with other weights: the frozen parameters the deltas were trained with");
        Tuning loaded = DeltaCheckpoint.load(dir, other, BackboneCheck.STRUCTURE);
        Map<String, Parameter> want = DeltaValues.canonicalParameters(t);
        assertSameValues(want, loaded);
    }

    @Test
    void anEditedConfigIsCorruptUntilItsSealIsRemoved() throws IOException {
        Path dir = bed.saved(bed.tuned(bed.net(1)));
        Path config = dir.resolve(DeltaCheckpoint.CONFIG);
        String text = Files.readString(config);
        assertTrue(text.contains("\"lora_alpha\": 4.0"), text);
        Files.writeString(config, text.replace("\"lora_alpha\": 4.0", "\"lora_alpha\": 5.0"));
        bed.assertFailsUntouched(dir, bed.net(1), "does not match its configSha256");
        editConfig(dir, c -> {});
        Tuning edited = DeltaCheckpoint.load(dir, bed.net(1));
        assertEquals(5.0, ((LoraSpec) edited.deltas().get(1).spec()).alpha());
    }

    /**
     * Deltas saved from a backbone alone load beside other deltas on the same modules: the file's
     * paths are canonical, and the loaded layer takes the next free name.
     */
    @Test
    void aCheckpointLoadsBesideOtherDeltasOnTheSameModules() throws IOException {
        TinyNet a = bed.net(1);
        Tuning saved =
                TuningSpec.builder()
                        .add(LoraSpec.builder().modules("fc1").r(2).build())
                        .build()
                        .attach(a);
        bed.randomize(saved);
        Path dir = bed.saved(saved);
        TinyNet b = bed.net(1);
        Tuning other =
                TuningSpec.builder()
                        .add(LoraSpec.builder().modules("fc1").r(3).build())
                        .build()
                        .attach(b);
        bed.randomize(other);
        Tuning loaded = DeltaCheckpoint.load(dir, b);
        assertTrue(loaded.deltaParameters().containsKey("layers.0.fc1.lora_1.lora_A"));
        Map<String, Parameter> want = DeltaValues.canonicalParameters(saved);
        assertEquals(want.keySet(), DeltaValues.canonicalParameters(loaded).keySet());
        assertSameValues(want, loaded);
        other.detach();
        assertArrayEquals(bed.output(a), bed.output(b));
    }

    @Test
    void detachedDeltasCannotBeSaved() {
        Tuning t = bed.tuned(bed.net(1));
        t.detach();
        assertThrows(IllegalStateException.class, () -> DeltaCheckpoint.save(t, tmp.resolve("x")));
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    private static void assertSameValues(Map<String, Parameter> want, Tuning loaded) {
        DeltaValues.canonicalParameters(loaded)
                .forEach(
                        (path, p) ->
                                assertArrayEquals(
                                        want.get(path).getArray().toFloatArray(),
                                        p.getArray().toFloatArray(),
                                        path));
    }
}
