package org.delta4j.models.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.delta4j.io.Safetensors;
import org.delta4j.io.SafetensorsFile;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading HF folders: a checkpoint must fit the model exactly, and a failed load keeps nothing. */
class HfModelsLoadTest {
    private static final String FIXTURE = "bart_for_conditional_generation";

    @TempDir Path temp;

    /** Copies the fixture's config and writes its weights after {@code edit}. */
    private Path folder(NDManager manager, Consumer<Map<String, NDArray>> edit) throws IOException {
        Path dir = Fixtures.model(FIXTURE);
        Files.copy(dir.resolve("config.json"), temp.resolve("config.json"));
        Map<String, NDArray> weights =
                new LinkedHashMap<>(Safetensors.read(dir.resolve("model.safetensors"), manager));
        edit.accept(weights);
        Safetensors.write(temp.resolve("model.safetensors"), weights, Map.of());
        return temp;
    }

    private static String loadError(Path dir) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Exception e = assertThrows(Exception.class, () -> HfModels.load(dir, manager));
            assertEquals(0, manager.getManagedArrays().size(), "a failed load must keep no arrays");
            return e.getMessage();
        }
    }

    private static NDArray logits(Block model, NDManager manager) throws IOException {
        NDList in = ModelInputs.fromJson(manager, Fixtures.model(FIXTURE).resolve("inputs.json"));
        return model.forward(new ParameterStore(manager, false), in, false).get("logits");
    }

    @Test
    void weightsBelongToTheGivenManagerAndTrain() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.load(Fixtures.model(FIXTURE), manager);
            assertTrue(model.isInitialized());
            ModuleTree tree = ModuleTree.of(model);
            for (Parameter p : tree.uniqueParameters().values()) {
                assertSame(manager, p.getArray().getManager(), p.getName());
                assertTrue(p.requiresGradient() && p.getArray().hasGradient(), p.getName());
                assertEquals(DataType.FLOAT32, p.getArray().getDataType());
            }
            Parameter bias = tree.buffers().get("final_logits_bias");
            assertSame(manager, bias.getArray().getManager());
            assertFalse(bias.requiresGradient());
        }
    }

    @Test
    void tiedKeysMayBeLeftOut() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray expected = logits(HfModels.load(Fixtures.model(FIXTURE), manager), manager);
            Path dir =
                    folder(
                            manager,
                            w -> {
                                w.remove("lm_head.weight");
                                w.remove("model.encoder.embed_tokens.weight");
                                w.remove("model.decoder.embed_tokens.weight");
                            });
            assertEquals(expected, logits(HfModels.load(dir, manager), manager));
        }
    }

    @Test
    void halfPrecisionWeightsLoadAsFloat32() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray expected = logits(HfModels.load(Fixtures.model(FIXTURE), manager), manager);
            Path dir =
                    folder(manager, w -> w.replaceAll((k, v) -> v.toType(DataType.FLOAT16, false)));
            Block model = HfModels.load(dir, manager);
            assertEquals(
                    DataType.FLOAT32,
                    ModuleTree.of(model)
                            .parameters()
                            .get("model.shared.weight")
                            .getArray()
                            .getDataType());
            float diff = Fixtures.maxAbsDiff(expected, logits(model, manager));
            assertTrue(diff < 1e-2, "float16 weights moved the logits by " + diff);
        }
    }

    @Test
    void shardedCheckpointLoads() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path fixture = Fixtures.model(FIXTURE);
            NDArray expected = logits(HfModels.load(fixture, manager), manager);
            Map<String, NDArray> weights =
                    Safetensors.read(fixture.resolve("model.safetensors"), manager);
            Map<String, NDArray> first = new LinkedHashMap<>();
            Map<String, NDArray> second = new LinkedHashMap<>();
            StringBuilder map = new StringBuilder();
            weights.forEach(
                    (k, v) -> {
                        boolean encoder = k.startsWith("model.encoder.");
                        (encoder ? first : second).put(k, v);
                        map.append(map.length() == 0 ? "" : ",")
                                .append('"')
                                .append(k)
                                .append("\": \"")
                                .append(
                                        encoder
                                                ? "model-00001-of-00002.safetensors"
                                                : "model-00002-of-00002.safetensors")
                                .append('"');
                    });
            Files.copy(fixture.resolve("config.json"), temp.resolve("config.json"));
            Safetensors.write(temp.resolve("model-00001-of-00002.safetensors"), first, Map.of());
            Safetensors.write(temp.resolve("model-00002-of-00002.safetensors"), second, Map.of());
            Files.writeString(
                    temp.resolve("model.safetensors.index.json"),
                    "{\"metadata\": {}, \"weight_map\": {" + map + "}}",
                    StandardCharsets.UTF_8);
            assertEquals(expected, logits(HfModels.load(temp, manager), manager));
        }
    }

    @Test
    void missingKeyIsNamed() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            folder(manager, w -> w.remove("model.decoder.layers.1.fc1.bias"));
        }
        String message = loadError(temp);
        assertTrue(message.contains("missing key model.decoder.layers.1.fc1.bias"), message);
    }

    @Test
    void unexpectedKeyIsNamed() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            folder(manager, w -> w.put("model.encoder.version", manager.create(new float[] {2f})));
        }
        String message = loadError(temp);
        assertTrue(message.contains("unexpected key model.encoder.version"), message);
    }

    @Test
    void shapeMismatchNamesKeyAndShapes() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            folder(
                    manager,
                    w ->
                            w.put(
                                    "model.encoder.layers.0.fc1.weight",
                                    manager.zeros(new Shape(36, 32))));
        }
        String message = loadError(temp);
        assertTrue(
                message.contains(
                        "shape mismatch for model.encoder.layers.0.fc1.weight: checkpoint (36, 32), "
                                + "model (37, 32)"),
                message);
    }

    @Test
    void pytorchBinOnlyAsksForConversion() throws IOException {
        Files.copy(Fixtures.model(FIXTURE).resolve("config.json"), temp.resolve("config.json"));
        Files.write(temp.resolve("pytorch_model.bin"), new byte[] {1, 2, 3});
        String message = loadError(temp);
        assertTrue(
                message.contains("pytorch_model.bin")
                        && message.contains("safe_serialization=True"),
                message);
    }

    @Test
    void unsupportedArchitectureNamesTheSupportedOnes() throws IOException {
        String config = Files.readString(Fixtures.model(FIXTURE).resolve("config.json"));
        Files.writeString(
                temp.resolve("config.json"),
                config.replace(
                        "\"BartForConditionalGeneration\"", "\"BartForSequenceClassification\""));
        String message = loadError(temp);
        assertTrue(
                message.contains("BartForSequenceClassification")
                        && message.contains("BartModel")
                        && message.contains("BartForConditionalGeneration"),
                message);
    }

    @Test
    void architecturesAreTheBuildableClasses() {
        assertTrue(
                HfModels.architectures()
                        .containsAll(List.of("BartModel", "BartForConditionalGeneration")));
        assertThrows(UnsupportedOperationException.class, () -> HfModels.architectures().add("X"));
    }

    @Test
    void unsupportedModelTypeIsNamed() throws IOException {
        Files.writeString(
                temp.resolve("config.json"),
                "{\"model_type\": \"falcon\", \"architectures\": [\"X\"]}");
        String message = loadError(temp);
        assertTrue(message.contains("falcon") && message.contains("bart"), message);
    }

    @Test
    void loadingNeedsAFreshModel() throws IOException {
        try (NDManager manager = NDManager.newBaseManager();
                SafetensorsFile weights =
                        Safetensors.open(Fixtures.model(FIXTURE).resolve("model.safetensors"))) {
            Block model = HfModels.random(HfModels.readConfig(Fixtures.model(FIXTURE)), manager, 0);
            assertThrows(
                    IllegalStateException.class,
                    () -> CheckpointLoader.load(model, weights, manager));
        }
    }
}
