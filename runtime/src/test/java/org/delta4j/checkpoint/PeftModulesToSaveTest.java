package org.delta4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.delta4j.delta.DeltaValues;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.io.Safetensors;
import org.delta4j.io.SafetensorsFile;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.HfModels;
import org.delta4j.nn.ParameterValues;
import org.delta4j.testing.BackboneState;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PEFT 0.7's {@code modules_to_save} on the BERT classifier training fixture ({@code
 * train/bert_for_sequence_classification__lora_adamw}): the adapter's values land where PEFT keeps
 * them in memory ({@code initial.safetensors}, {@code final.safetensors}), exactly the case's
 * trainable parameters train, the forward equals the same values set by hand, saving gives the
 * fixture's files, detaching gives the backbone's classifier back, and a bad file changes nothing.
 */
class PeftModulesToSaveTest {
    private static final String CASE = "bert_for_sequence_classification__lora_adamw";

    @TempDir Path tmp;

    private NDManager manager;
    private Path caseDir;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        caseDir = Fixtures.root().resolve("train").resolve(CASE);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private Block model(String name) throws IOException {
        return HfModels.load(Fixtures.model(name), manager);
    }

    /** PEFT's in-memory names ({@code case.json}'s {@code trainable}) to the parameters here. */
    private static Map<String, Parameter> byPeftName(Tuning tuning, Path caseDir)
            throws IOException {
        Map<String, Parameter> canonical = DeltaValues.canonicalParameters(tuning);
        Map<String, Parameter> out = new LinkedHashMap<>();
        JsonObject info =
                JsonParser.parseString(Files.readString(caseDir.resolve("case.json")))
                        .getAsJsonObject();
        for (JsonElement e : info.getAsJsonArray("trainable")) {
            JsonObject t = e.getAsJsonObject();
            String name = t.get("name").getAsString();
            String module = t.get("backbone_module").getAsString();
            String role = t.get("role").getAsString();
            Parameter p =
                    role.startsWith("lora_")
                            ? canonical.get(module + ".lora." + role)
                            : tuning.copyParameters()
                                    .get(module + name.substring(name.lastIndexOf('.')));
            assertTrue(p != null, "no parameter for " + name);
            out.put(name, p);
        }
        return out;
    }

    private void assertValues(Map<String, Parameter> params, Path file) throws IOException {
        Map<String, NDArray> want = Safetensors.read(file, manager);
        assertEquals(want.keySet(), params.keySet());
        params.forEach(
                (name, p) ->
                        assertArrayEquals(
                                want.get(name).toFloatArray(), p.getArray().toFloatArray(), name));
    }

    @Test
    void loadsTheAdaptersValuesAndTrainsExactlyTheCasesParameters() throws IOException {
        Block model = model("bert_for_sequence_classification");
        Tuning tuning = PeftAdapter.load(caseDir.resolve("adapter_initial"), model);
        assertEquals(List.of("classifier"), tuning.modulesToSave());
        assertEquals(List.of("classifier"), tuning.copiedModules());
        Map<String, Parameter> params = byPeftName(tuning, caseDir);
        assertValues(params, caseDir.resolve("initial.safetensors"));

        Set<Parameter> trainable = Collections.newSetFromMap(new IdentityHashMap<>());
        ModuleTree.of(model)
                .uniqueParameters()
                .values()
                .forEach(
                        p -> {
                            if (p.requiresGradient()) {
                                trainable.add(p);
                            }
                        });
        Set<Parameter> expected = Collections.newSetFromMap(new IdentityHashMap<>());
        expected.addAll(params.values());
        assertEquals(10, expected.size());
        assertEquals(expected, trainable, "exactly the case's trainable parameters");
    }

    @Test
    void theTrainedClassifierReplacesTheBackbonesAndTheForwardIsTheSameValuesSetByHand()
            throws IOException {
        Block base = model("bert_for_sequence_classification");
        float[] baseClassifier =
                ModuleTree.of(base).parameters().get("classifier.weight").getArray().toFloatArray();
        Block loaded = model("bert_for_sequence_classification");
        Tuning tuning = PeftAdapter.load(caseDir.resolve("adapter_final"), loaded);
        Map<String, Parameter> params = byPeftName(tuning, caseDir);
        assertValues(params, caseDir.resolve("final.safetensors"));
        assertFalse(
                java.util.Arrays.equals(
                        baseClassifier,
                        tuning.copyParameters().get("classifier.weight").getArray().toFloatArray()),
                "the trained classifier differs from the backbone's");

        Block byHand = model("bert_for_sequence_classification");
        Tuning lora =
                TuningSpec.builder()
                        .add(LoraSpec.builder().modules("query", "value").r(4).alpha(8).build())
                        .build()
                        .attach(byHand);
        Map<String, NDArray> values =
                Safetensors.read(caseDir.resolve("final.safetensors"), manager);
        Map<String, Parameter> canonical = DeltaValues.canonicalParameters(lora);
        Map<String, Parameter> backbone = ModuleTree.of(byHand).parameters();
        values.forEach(
                (name, v) -> {
                    String path =
                            name.replace("base_model.model.", "")
                                    .replace(".modules_to_save.default", "")
                                    .replace(".default.weight", "")
                                    .replace("lora_A", "lora.lora_A")
                                    .replace("lora_B", "lora.lora_B");
                    Parameter p = canonical.getOrDefault(path, backbone.get(path));
                    assertTrue(p != null, "no parameter " + path);
                    ParameterValues.assign(p, v);
                });
        assertArrayEquals(logits(byHand), logits(loaded));
    }

    @Test
    void savesThePeftFixturesFilesKeysValuesAndConfig() throws IOException {
        Path adapter = caseDir.resolve("adapter_initial");
        Tuning tuning = PeftAdapter.load(adapter, model("bert_for_sequence_classification"));
        Path saved = tmp.resolve("saved");
        PeftAdapter.save(tuning, saved, "models/bert_for_sequence_classification");
        assertSameFiles(adapter, saved);

        // Through a delta4j checkpoint and back: the copies travel with the deltas.
        Block other = model("bert_for_sequence_classification");
        Path checkpoint = tmp.resolve("delta4j");
        DeltaFolders.convert(adapter, other, checkpoint, null);
        assertTrue(
                Files.readString(checkpoint.resolve(DeltaCheckpoint.CONFIG))
                        .contains("\"modulesToSave\": [\n    \"classifier\"\n  ]"));
        Path back = tmp.resolve("back");
        DeltaFolders.convert(checkpoint, other, back, "models/bert_for_sequence_classification");
        assertSameFiles(adapter, back);
    }

    @Test
    void aDelta4jCheckpointReloadsTheCopiesEqual() throws IOException {
        Block model = model("bert_for_sequence_classification");
        Tuning tuning = PeftAdapter.load(caseDir.resolve("adapter_final"), model);
        float[] tuned = logits(model);
        Path checkpoint = tmp.resolve("ckpt");
        DeltaCheckpoint.save(tuning, checkpoint);

        Block fresh = model("bert_for_sequence_classification");
        Tuning reloaded = DeltaCheckpoint.load(checkpoint, fresh);
        assertEquals(tuning.modulesToSave(), reloaded.modulesToSave());
        assertEquals(tuning.copyParameters().keySet(), reloaded.copyParameters().keySet());
        tuning.copyParameters()
                .forEach(
                        (path, p) ->
                                assertArrayEquals(
                                        p.getArray().toFloatArray(),
                                        reloaded.copyParameters()
                                                .get(path)
                                                .getArray()
                                                .toFloatArray(),
                                        path));
        assertArrayEquals(tuned, logits(fresh));
    }

    @Test
    void detachingRestoresTheBackbonesClassifierAndItsFrozenState() throws IOException {
        Block model = model("bert_for_sequence_classification");
        Map<String, Parameter> params = ModuleTree.of(model).parameters();
        params.get("classifier.bias").freeze(true);
        float[] weight = params.get("classifier.weight").getArray().toFloatArray();
        float[] bias = params.get("classifier.bias").getArray().toFloatArray();
        float[] base = logits(model);

        Tuning tuning = PeftAdapter.load(caseDir.resolve("adapter_final"), model);
        assertTrue(params.get("classifier.bias").requiresGradient(), "the copy trains");
        float[] tuned = logits(model);
        tuning.detach();
        assertArrayEquals(weight, params.get("classifier.weight").getArray().toFloatArray());
        assertArrayEquals(bias, params.get("classifier.bias").getArray().toFloatArray());
        assertFalse(params.get("classifier.bias").requiresGradient(), "frozen again");
        assertTrue(params.get("classifier.weight").requiresGradient(), "trainable again");
        assertArrayEquals(base, logits(model));

        tuning.reattach();
        assertArrayEquals(tuned, logits(model));
    }

    @Test
    void aBadFileIsRefusedByNameAndChangesNothing() throws IOException {
        refusedWeights(
                w -> w.put("base_model.model.classifier.weight", manager.zeros(new Shape(2, 31))),
                "base_model.model.classifier.weight has shape (2, 31), the model expects (2, 32)");
        refusedWeights(
                w -> w.remove("base_model.model.classifier.bias"),
                "missing tensors [base_model.model.classifier.bias]");
        refusedWeights(
                w -> w.put("base_model.model.bert.pooler.dense.bias", manager.zeros(new Shape(32))),
                "nor parameters of its modules_to_save: [base_model.model.bert.pooler.dense.bias]");
        refusedConfig(
                "\"classifier\"",
                "\"clasifier\"",
                "Module pattern \"clasifier\" matches no module");
        refusedConfig("\"classifier\"", "\"clasifier\"", "Did you mean");
    }

    @Test
    void theGpt2CaseWithFanInFanOutAndNoModulesToSaveLoads() throws IOException {
        Path gpt2 = Fixtures.root().resolve("train/gpt2_lm_head__lora_adamw");
        Block model = model("gpt2_lm_head");
        Tuning tuning = PeftAdapter.load(gpt2.resolve("adapter_initial"), model);
        assertTrue(tuning.copiedModules().isEmpty());
        assertValues(byPeftName(tuning, gpt2), gpt2.resolve("initial.safetensors"));
    }

    private void refusedWeights(Consumer<Map<String, NDArray>> edit, String expected)
            throws IOException {
        Path dir = copyOfAdapter();
        Path file = dir.resolve(PeftAdapter.WEIGHTS);
        Map<String, NDArray> weights = new LinkedHashMap<>(Safetensors.read(file, manager));
        edit.accept(weights);
        Safetensors.write(file, weights, Map.of());
        assertRefused(dir, expected);
    }

    private void refusedConfig(String from, String to, String expected) throws IOException {
        Path dir = copyOfAdapter();
        Path config = dir.resolve(PeftAdapter.CONFIG);
        Files.writeString(config, Files.readString(config).replace(from, to));
        assertRefused(dir, expected);
    }

    private Path copyOfAdapter() throws IOException {
        Path dir = Files.createTempDirectory(tmp, "adapter");
        for (String name : List.of(PeftAdapter.CONFIG, PeftAdapter.WEIGHTS)) {
            Files.copy(caseDir.resolve("adapter_initial").resolve(name), dir.resolve(name));
        }
        return dir;
    }

    private void assertRefused(Path dir, String expected) throws IOException {
        Block model = model("bert_for_sequence_classification");
        Supplier<float[]> run = () -> logits(model);
        BackboneState before = BackboneState.of(model, run);
        IOException e = assertThrows(IOException.class, () -> PeftAdapter.load(dir, model));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toString()), "names the folder: " + e.getMessage());
        before.assertSame(model, run, e.getMessage());
    }

    private void assertSameFiles(Path want, Path got) throws IOException {
        try (SafetensorsFile w = Safetensors.open(want.resolve(PeftAdapter.WEIGHTS));
                SafetensorsFile g = Safetensors.open(got.resolve(PeftAdapter.WEIGHTS))) {
            assertEquals(w.names(), g.names());
            for (String key : w.names()) {
                assertArrayEquals(
                        w.read(key, manager).toByteArray(),
                        g.read(key, manager).toByteArray(),
                        key);
            }
        }
        assertEquals(
                JsonParser.parseString(Files.readString(want.resolve(PeftAdapter.CONFIG))),
                JsonParser.parseString(Files.readString(got.resolve(PeftAdapter.CONFIG))));
    }

    private float[] logits(Block model) {
        try (NDManager scratch = manager.newSubManager()) {
            long[][] ids = {{2, 7, 11, 5, 9, 3}, {2, 4, 6, 8, 0, 0}};
            long[][] mask = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}};
            Map<String, long[][]> inputs = new LinkedHashMap<>();
            inputs.put("input_ids", ids);
            inputs.put("attention_mask", mask);
            return model.forward(
                            new ParameterStore(scratch, false),
                            ModelInputs.of(scratch, inputs),
                            false)
                    .get("logits")
                    .toFloatArray();
        }
    }
}
