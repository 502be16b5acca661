package org.delta4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.delta.bitfit.BitFitSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.io.Safetensors;
import org.delta4j.io.Sha256;
import org.delta4j.nn.ParameterValues;
import org.delta4j.testing.BackboneState;
import org.delta4j.testing.TinyNet;
import org.delta4j.tree.ModuleTree;

/**
 * What the delta checkpoint tests share: a manager and fixed input, TinyNets tuned with an adapter,
 * a LoRA, BitFit and an unfrozen norm, saving them, editing the saved files, and checking that a
 * failed load left the backbone as it was. Open one per test and close it after.
 */
final class CheckpointTestbed implements AutoCloseable {
    final NDManager manager = NDManager.newBaseManager();
    final NDArray x = manager.randomNormal(new Shape(2, 5, TinyNet.WIDTH));
    private final Path tmp;

    /**
     * @param tmp the test's temporary folder, where {@link #saved} writes
     */
    CheckpointTestbed(Path tmp) {
        this.tmp = tmp;
    }

    /**
     * One delta of each kind the checkpoint carries differently, plus a norm the freeze leaves
     * trainable.
     */
    static Tuning attachMixed(TinyNet net) {
        return TuningSpec.builder()
                .add(AdapterSpec.builder().modules("fc2").bottleneck(3).build())
                .add(LoraSpec.builder().modules("layers.0.fc1").r(2).alpha(4).build())
                .add(BitFitSpec.builder().modules("head").build())
                .freeze(FreezeSpec.builder().exclude("deltas", "layers.1.norm").build())
                .build()
                .attach(net);
    }

    /** A tuned model whose deltas and unfrozen norm no longer have their initial values. */
    Tuning tuned(TinyNet net) {
        Tuning t = attachMixed(net);
        randomize(t);
        ModuleTree.of(net)
                .parameters()
                .forEach(
                        (path, p) -> {
                            if (p.requiresGradient()) {
                                ParameterValues.assign(p, manager.randomNormal(p.getShape()));
                            }
                        });
        return t;
    }

    void randomize(Tuning t) {
        t.deltaParameters()
                .values()
                .forEach(p -> ParameterValues.assign(p, manager.randomNormal(p.getShape())));
    }

    Path saved(Tuning t) throws IOException {
        Path dir = tmp.resolve("ckpt");
        DeltaCheckpoint.save(t, dir);
        return dir;
    }

    TinyNet net(int seed) {
        return TinyNet.seeded(manager, seed);
    }

    float[] output(TinyNet net) {
        return TinyNet.output(net, manager, x);
    }

    void assertFailsUntouched(Path dir, TinyNet backbone, String expected) {
        BackboneState before = BackboneState.of(backbone, () -> output(backbone));
        IOException e = assertThrows(IOException.class, () -> DeltaCheckpoint.load(dir, backbone));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toString()), "names the folder: " + e.getMessage());
        before.assertSame(backbone, () -> output(backbone), e.getMessage());
    }

    /**
     * Rewrites the weights file and records its new checksum, as a consistent but wrong checkpoint
     * would.
     */
    void rewriteWeights(Path dir, Consumer<Map<String, NDArray>> edit) throws IOException {
        Path file = dir.resolve(DeltaCheckpoint.WEIGHTS);
        Map<String, NDArray> weights = new LinkedHashMap<>(Safetensors.read(file, manager));
        edit.accept(weights);
        Safetensors.write(file, weights, Map.of());
        String sha = Sha256.ofFile(file);
        editConfig(dir, c -> c.addProperty("weightsSha256", sha));
    }

    /** Edits the config by hand: the seal goes, as the config's documentation says. */
    static void editConfig(Path dir, Consumer<JsonObject> edit) throws IOException {
        Path file = dir.resolve(DeltaCheckpoint.CONFIG);
        JsonObject config = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        config.remove("configSha256");
        edit.accept(config);
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(config));
    }

    @Override
    public void close() {
        manager.close();
    }
}
