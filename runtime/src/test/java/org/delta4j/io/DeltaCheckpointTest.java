package org.delta4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.delta4j.delta.DeltaRegistry;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.delta.bitfit.BitFitSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.nn.ParameterValues;
import org.delta4j.testing.Arrays2;
import org.delta4j.testing.TinyNet;
import org.delta4j.tree.ModuleTree;
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

    private TinyNet net(int seed) {
        manager.getEngine().setRandomSeed(seed);
        TinyNet net = new TinyNet();
        net.initialize(manager, DataType.FLOAT32, new Shape(1));
        return net;
    }

    private float[] forward(TinyNet net) {
        return net.forward(new ParameterStore(manager, false), new NDList(x), false).head().toFloatArray();
    }

    /** A tuned model whose deltas and unfrozen norm no longer have their initial values. */
    private Tuning tuned(TinyNet net) {
        Tuning t = TuningSpec.builder()
                .add(AdapterSpec.builder().modules("fc2").bottleneck(3).build())
                .add(LoraSpec.builder().modules("layers.0.fc1").r(2).alpha(4).build())
                .add(BitFitSpec.builder().modules("head").build())
                .freeze(FreezeSpec.builder().exclude("deltas", "layers.1.norm").build())
                .build().attach(net);
        ModuleTree.of(net).parameters().forEach((path, p) -> {
            if (p.requiresGradient()) {
                ParameterValues.assign(p, manager.randomNormal(p.getShape()));
            }
        });
        return t;
    }

    @Test
    void reloadsIntoAFreshBackboneWithIdenticalOutputs() throws IOException {
        TinyNet a = net(1);
        Tuning t = tuned(a);
        Path dir = tmp.resolve("ckpt");
        DeltaCheckpoint.save(t, dir);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(DeltaCheckpoint.CONFIG, DeltaCheckpoint.WEIGHTS),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        TinyNet b = net(1);
        Tuning loaded = DeltaCheckpoint.load(dir, b);
        assertEquals(t.deltaParameters().keySet(), loaded.deltaParameters().keySet());
        assertArrayEquals(forward(a), forward(b));
        String config = Files.readString(dir.resolve(DeltaCheckpoint.CONFIG), StandardCharsets.UTF_8);
        assertTrue(config.contains("\"deltaType\": \"lora\""), config);
        assertTrue(config.contains("\"backboneClass\": \"TinyNet\""), config);
    }

    @Test
    void savingOverAnExistingCheckpointReplacesItWhole() throws IOException {
        Path dir = tmp.resolve("ckpt");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("stale.txt"), "old");
        DeltaCheckpoint.save(tuned(net(1)), dir);
        assertFalse(Files.exists(dir.resolve("stale.txt")));
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(List.of("ckpt"), siblings.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aCheckpointThatDoesNotFitLeavesTheBackboneUntouched() throws IOException {
        Path dir = tmp.resolve("ckpt");
        DeltaCheckpoint.save(tuned(net(1)), dir);
        Map<String, float[]> weights = readWeights(dir);
        weights.remove("layers.0.fc2.adapter.modulelist.up_proj.bias");
        writeWeights(dir, weights);

        TinyNet b = net(2);
        List<String> paths = ModuleTree.of(b).paths();
        Map<String, float[]> before = Arrays2.snapshot(ModuleTree.of(b).parameters());
        float[] out = forward(b);
        IOException e = assertThrows(IOException.class, () -> DeltaCheckpoint.load(dir, b));
        assertTrue(e.getMessage().contains("missing tensors [layers.0.fc2.adapter.modulelist.up_proj.bias]"),
                e.getMessage());
        assertEquals(paths, ModuleTree.of(b).paths());
        Map<String, Parameter> after = ModuleTree.of(b).parameters();
        before.forEach((k, v) -> assertArrayEquals(v, after.get(k).getArray().toFloatArray(), k));
        assertArrayEquals(out, forward(b));
        assertTrue(DeltaRegistry.of(b).deltas().isEmpty());
    }

    @Test
    void wrongShapesAndMissingFilesAreClearErrors() throws IOException {
        Path dir = tmp.resolve("ckpt");
        DeltaCheckpoint.save(tuned(net(1)), dir);
        Map<String, float[]> weights = readWeights(dir);
        weights.put("layers.1.norm.weight", new float[3]);
        writeWeights(dir, weights);
        IOException shape = assertThrows(IOException.class, () -> DeltaCheckpoint.load(dir, net(2)));
        assertTrue(shape.getMessage().contains("layers.1.norm.weight has shape (3)"), shape.getMessage());

        Files.delete(dir.resolve(DeltaCheckpoint.CONFIG));
        IOException missing = assertThrows(IOException.class, () -> DeltaCheckpoint.load(dir, net(2)));
        assertTrue(missing.getMessage().contains("has no " + DeltaCheckpoint.CONFIG), missing.getMessage());
    }

    private Map<String, float[]> readWeights(Path dir) throws IOException {
        Map<String, float[]> out = new java.util.LinkedHashMap<>();
        Safetensors.read(dir.resolve(DeltaCheckpoint.WEIGHTS), manager).forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }

    private void writeWeights(Path dir, Map<String, float[]> weights) throws IOException {
        Map<String, NDArray> arrays = new java.util.LinkedHashMap<>();
        weights.forEach((k, v) -> arrays.put(k, manager.create(v)));
        Safetensors.write(dir.resolve(DeltaCheckpoint.WEIGHTS), arrays, Map.of());
    }
}
