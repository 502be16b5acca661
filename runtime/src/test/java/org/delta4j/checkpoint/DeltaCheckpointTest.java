package org.delta4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.delta4j.Delta4j;
import org.delta4j.delta.DeltaValues;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.delta.bitfit.BitFitSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.io.Safetensors;
import org.delta4j.io.SafetensorsFile;
import org.delta4j.io.Sha256;
import org.delta4j.nn.Linear;
import org.delta4j.nn.ParameterValues;
import org.delta4j.testing.BackboneState;
import org.delta4j.testing.TinyNet;
import org.delta4j.tree.ModuleTree;
import org.delta4j.tree.Surgery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaCheckpointTest {
    @TempDir
    Path tmp;

    private NDManager manager;
    private NDArray x;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        x = manager.randomNormal(new Shape(2, 5, TinyNet.WIDTH));
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    /** A tuned model whose deltas and unfrozen norm no longer have their initial values. */
    private Tuning tuned(TinyNet net) {
        Tuning t = TuningSpec.builder()
                .add(AdapterSpec.builder().modules("fc2").bottleneck(3).build())
                .add(LoraSpec.builder().modules("layers.0.fc1").r(2).alpha(4).build())
                .add(BitFitSpec.builder().modules("head").build())
                .freeze(FreezeSpec.builder().exclude("deltas", "layers.1.norm").build())
                .build().attach(net);
        randomize(t);
        ModuleTree.of(net).parameters().forEach((path, p) -> {
            if (p.requiresGradient()) {
                ParameterValues.assign(p, manager.randomNormal(p.getShape()));
            }
        });
        return t;
    }

    private void randomize(Tuning t) {
        t.deltaParameters().values().forEach(p -> ParameterValues.assign(p, manager.randomNormal(p.getShape())));
    }

    private Path saved(Tuning t) throws IOException {
        Path dir = tmp.resolve("ckpt");
        DeltaCheckpoint.save(t, dir);
        return dir;
    }

    @Test
    void reloadsIntoAFreshBackboneWithIdenticalOutputs() throws IOException {
        TinyNet a = TinyNet.seeded(manager, 1);
        Tuning t = tuned(a);
        Path dir = saved(t);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(DeltaCheckpoint.CONFIG, DeltaCheckpoint.WEIGHTS),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        TinyNet b = TinyNet.seeded(manager, 1);
        Tuning loaded = DeltaCheckpoint.load(dir, b);
        assertEquals(t.deltaParameters().keySet(), loaded.deltaParameters().keySet());
        assertArrayEquals(TinyNet.output(a, manager, x), TinyNet.output(b, manager, x));
        JsonObject config = JsonParser.parseString(
                Files.readString(dir.resolve(DeltaCheckpoint.CONFIG), StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals(DeltaCheckpoint.FORMAT, config.get("format").getAsString());
        assertEquals(Delta4j.VERSION, config.get("delta4jVersion").getAsString());
        JsonObject backbone = config.getAsJsonObject("backbone");
        assertEquals("TinyNet", backbone.get("modelClass").getAsString());
        assertEquals(64, backbone.get("structureSha256").getAsString().length());
        assertEquals(64, backbone.get("parametersSha256").getAsString().length());
        assertEquals(Sha256.ofFile(dir.resolve(DeltaCheckpoint.WEIGHTS)), config.get("weightsSha256").getAsString());
        JsonObject lora = config.getAsJsonArray("deltas").get(1).getAsJsonObject();
        assertEquals("lora", lora.get("deltaType").getAsString());
        assertEquals(4.0, lora.getAsJsonObject("arguments").get("lora_alpha").getAsDouble());
        assertEquals("[\"layers.0.fc1\"]", lora.get("modifiedModules").toString());
    }

    @Test
    void theFingerprintIgnoresTheDeltasAndWhatTheCheckpointCarries() throws IOException {
        TinyNet a = TinyNet.seeded(manager, 1);
        BackboneFingerprint before = BackboneFingerprint.of(a, Set.of());
        Tuning t = tuned(a);
        Path dir = saved(t);
        Set<String> carried;
        try (SafetensorsFile f = Safetensors.open(dir.resolve(DeltaCheckpoint.WEIGHTS))) {
            carried = Set.copyOf(f.names());
        }
        // The layer norm the freeze left trainable is carried, so it is out of the fingerprint, and so is head.bias.
        assertTrue(carried.contains("layers.1.norm.weight") && carried.contains("head.bias"), carried::toString);
        BackboneFingerprint attached = BackboneFingerprint.of(a, carried);
        BackboneFingerprint fresh = BackboneFingerprint.of(TinyNet.seeded(manager, 1), carried);
        assertEquals(fresh, attached);
        assertFalse(before.structure().equals(attached.structure()), "carried parameters are not hashed");
        assertFalse(fresh.parameters().equals(BackboneFingerprint.of(TinyNet.seeded(manager, 2), carried).parameters()));
        assertEquals(fresh.structure(), BackboneFingerprint.of(TinyNet.seeded(manager, 2), carried).structure());
    }

    @Test
    void savingOverAnExistingCheckpointReplacesItWhole() throws IOException {
        Path dir = tmp.resolve("ckpt");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("stale.txt"), "old");
        DeltaCheckpoint.save(tuned(TinyNet.seeded(manager, 1)), dir);
        assertFalse(Files.exists(dir.resolve("stale.txt")));
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(List.of("ckpt"), siblings.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aMissingTensorIsAClearErrorAndLeavesTheBackboneUntouched() throws IOException {
        Path dir = saved(tuned(TinyNet.seeded(manager, 1)));
        rewriteWeights(dir, w -> w.remove("layers.0.fc2.adapter.modulelist.up_proj.bias"));
        assertFailsUntouched(dir, TinyNet.seeded(manager, 1), "missing tensors [layers.0.fc2.adapter.modulelist.up_proj.bias]");
    }

    @Test
    void aWrongShapeIsAClearError() throws IOException {
        Path dir = saved(tuned(TinyNet.seeded(manager, 1)));
        rewriteWeights(dir, w -> w.put("layers.1.norm.weight", manager.zeros(new Shape(3))));
        assertFailsUntouched(dir, TinyNet.seeded(manager, 1), "tensor layers.1.norm.weight has shape (3), the model expects (8)");
    }

    @Test
    void anUnexpectedTensorIsAClearError() throws IOException {
        Path dir = saved(tuned(TinyNet.seeded(manager, 1)));
        rewriteWeights(dir, w -> w.put("layers.0.fc2.adapter.extra", manager.zeros(new Shape(3))));
        assertFailsUntouched(dir, TinyNet.seeded(manager, 1), "unexpected tensors [layers.0.fc2.adapter.extra]");
    }

    @Test
    void missingFilesAreClearErrors() throws IOException {
        Path dir = saved(tuned(TinyNet.seeded(manager, 1)));
        Files.delete(dir.resolve(DeltaCheckpoint.WEIGHTS));
        assertFailsUntouched(dir, TinyNet.seeded(manager, 1), "has no " + DeltaCheckpoint.WEIGHTS);
        Files.delete(dir.resolve(DeltaCheckpoint.CONFIG));
        assertFailsUntouched(dir, TinyNet.seeded(manager, 1), "has no " + DeltaCheckpoint.CONFIG);
        Files.writeString(dir.resolve("delta_config.json"), "{}");
        assertFailsUntouched(dir, TinyNet.seeded(manager, 1), "earlier development version of delta4j");
    }

    @Test
    void anUnknownMethodIsAClearError() throws IOException {
        Path dir = saved(tuned(TinyNet.seeded(manager, 1)));
        editConfig(dir, c -> c.getAsJsonArray("deltas").get(0).getAsJsonObject().addProperty("deltaType", "ia3"));
        assertFailsUntouched(dir, TinyNet.seeded(manager, 1), "delta ia3: ");
    }

    @Test
    void aBackboneOfAnotherStructureIsAClearError() throws IOException {
        TinyNet a = TinyNet.seeded(manager, 1);
        Tuning t = TuningSpec.builder().add(LoraSpec.builder().modules("fc1").r(2).build())
                .freeze(FreezeSpec.builder().exclude("deltas").build()).build().attach(a);
        randomize(t);
        Path dir = saved(t);
        TinyNet b = TinyNet.seeded(manager, 1);
        Surgery.replace(b, "head", initialised(Linear.create(TinyNet.WIDTH, 4, false, 0.02f)));
        assertFailsUntouched(dir, b, "was saved from another backbone: a TinyNet whose parameters");
    }

    @Test
    void otherFrozenWeightsAreAnErrorUnlessOnlyTheStructureIsChecked() throws IOException {
        TinyNet a = TinyNet.seeded(manager, 1);
        Tuning t = tuned(a);
        Path dir = saved(t);
        TinyNet other = TinyNet.seeded(manager, 2);
        assertFailsUntouched(dir, other, "with other weights: the frozen parameters the deltas were trained with");
        Tuning loaded = DeltaCheckpoint.load(dir, other, BackboneCheck.STRUCTURE);
        Map<String, Parameter> want = DeltaValues.canonicalParameters(t);
        DeltaValues.canonicalParameters(loaded).forEach((path, p) ->
                assertArrayEquals(want.get(path).getArray().toFloatArray(), p.getArray().toFloatArray(), path));
    }

    @Test
    void anEditedConfigIsCorruptUntilItsSealIsRemoved() throws IOException {
        Path dir = saved(tuned(TinyNet.seeded(manager, 1)));
        Path config = dir.resolve(DeltaCheckpoint.CONFIG);
        String text = Files.readString(config);
        assertTrue(text.contains("\"lora_alpha\": 4.0"), text);
        Files.writeString(config, text.replace("\"lora_alpha\": 4.0", "\"lora_alpha\": 5.0"));
        assertFailsUntouched(dir, TinyNet.seeded(manager, 1), "does not match its configSha256");
        editConfig(dir, c -> {});
        Tuning edited = DeltaCheckpoint.load(dir, TinyNet.seeded(manager, 1));
        assertEquals(5.0, ((LoraSpec) edited.deltas().get(1).spec()).alpha());
    }

    /**
     * Deltas saved from a backbone alone load beside other deltas on the same modules: the file's paths are
     * canonical, and the loaded layer takes the next free name.
     */
    @Test
    void aCheckpointLoadsBesideOtherDeltasOnTheSameModules() throws IOException {
        TinyNet a = TinyNet.seeded(manager, 1);
        Tuning saved = TuningSpec.builder().add(LoraSpec.builder().modules("fc1").r(2).build()).build().attach(a);
        randomize(saved);
        Path dir = saved(saved);
        TinyNet b = TinyNet.seeded(manager, 1);
        Tuning other = TuningSpec.builder().add(LoraSpec.builder().modules("fc1").r(3).build()).build().attach(b);
        randomize(other);
        Tuning loaded = DeltaCheckpoint.load(dir, b);
        assertTrue(loaded.deltaParameters().containsKey("layers.0.fc1.lora_1.lora_A"));
        Map<String, Parameter> want = DeltaValues.canonicalParameters(saved);
        assertEquals(want.keySet(), DeltaValues.canonicalParameters(loaded).keySet());
        DeltaValues.canonicalParameters(loaded).forEach((path, p) ->
                assertArrayEquals(want.get(path).getArray().toFloatArray(), p.getArray().toFloatArray(), path));
        other.detach();
        assertArrayEquals(TinyNet.output(a, manager, x), TinyNet.output(b, manager, x));
    }

    @Test
    void detachedDeltasCannotBeSaved() {
        Tuning t = tuned(TinyNet.seeded(manager, 1));
        t.detach();
        assertThrows(IllegalStateException.class, () -> DeltaCheckpoint.save(t, tmp.resolve("x")));
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    private Linear initialised(Linear linear) {
        linear.initialize(manager, DataType.FLOAT32, new Shape(1));
        return linear;
    }

    private void assertFailsUntouched(Path dir, TinyNet backbone, String expected) {
        BackboneState before = BackboneState.of(backbone, () -> TinyNet.output(backbone, manager, x));
        IOException e = assertThrows(IOException.class, () -> DeltaCheckpoint.load(dir, backbone));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toString()), "names the folder: " + e.getMessage());
        before.assertSame(backbone, () -> TinyNet.output(backbone, manager, x), e.getMessage());
    }

    /** Rewrites the weights file and records its new checksum, as a consistent but wrong checkpoint would. */
    private void rewriteWeights(Path dir, Consumer<Map<String, NDArray>> edit) throws IOException {
        Path file = dir.resolve(DeltaCheckpoint.WEIGHTS);
        Map<String, NDArray> weights = new LinkedHashMap<>(Safetensors.read(file, manager));
        edit.accept(weights);
        Safetensors.write(file, weights, Map.of());
        String sha = Sha256.ofFile(file);
        editConfig(dir, c -> c.addProperty("weightsSha256", sha));
    }

    /** Edits the config by hand: the seal goes, as the config's documentation says. */
    private static void editConfig(Path dir, Consumer<JsonObject> edit) throws IOException {
        Path file = dir.resolve(DeltaCheckpoint.CONFIG);
        JsonObject config = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        config.remove("configSha256");
        edit.accept(config);
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(config));
    }
}
