package org.delta4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.models.Fixtures;
import org.delta4j.models.hf.HfModels;
import org.delta4j.testing.BackboneState;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spec JSON files ({@link TuningSpecFiles}): LoRA on query/value with a trainable classifier, as
 * {@code ./delta4j train --spec} attaches it; a saved checkpoint's config as a spec; and every
 * wrong file refused by name, leaving the model as it was.
 */
class TuningSpecFilesTest {
    private static final String LORA_AND_CLASSIFIER =
            """
            {
              "deltas": [
                {"deltaType": "lora", "modules": ["query", "value"],
                 "arguments": {"lora_r": 4, "lora_alpha": 8}}
              ],
              "modulesToSave": ["classifier"]
            }
            """;

    @TempDir Path tmp;

    private NDManager manager;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private Block model() throws IOException {
        return HfModels.load(Fixtures.model("bert_for_sequence_classification"), manager);
    }

    private Path write(String name, String json) throws IOException {
        return Files.writeString(tmp.resolve(name), json);
    }

    @Test
    void loraOnQueryAndValueWithATrainableClassifier() throws IOException {
        Path file = write("spec.json", LORA_AND_CLASSIFIER);
        TuningSpec spec = TuningSpecFiles.read(file);
        assertEquals(List.of("classifier"), spec.modulesToSave());
        assertEquals("lora", spec.deltas().get(0).method());
        assertTrue(spec.freeze().isEmpty(), "read freezes nothing");

        Block model = model();
        Tuning tuning = TuningSpecFiles.attach(file, model);
        TreeSet<String> trainable = new TreeSet<>();
        ModuleTree.of(model)
                .uniqueParameters()
                .forEach(
                        (path, p) -> {
                            if (p.requiresGradient()) {
                                trainable.add(path);
                            }
                        });
        TreeSet<String> expected = new TreeSet<>(tuning.deltaParameters().keySet());
        expected.addAll(List.of("classifier.weight", "classifier.bias"));
        assertEquals(10, expected.size());
        assertEquals(expected, trainable);
    }

    @Test
    void aSavedCheckpointsConfigIsASpec() throws IOException {
        Block model = model();
        Tuning tuning = TuningSpecFiles.attach(write("spec.json", LORA_AND_CLASSIFIER), model);
        Path checkpoint = tmp.resolve("ckpt");
        DeltaCheckpoint.save(tuning, checkpoint);
        Tuning again = TuningSpecFiles.attach(checkpoint.resolve(DeltaCheckpoint.CONFIG), model());
        assertEquals(
                tuning.deltas().get(0).modifiedModules(), again.deltas().get(0).modifiedModules());
        assertEquals(tuning.copiedModules(), again.copiedModules());
    }

    @Test
    void wrongFilesAreRefusedByNameAndChangeNothing() throws IOException {
        refused("{}", "lacks a non-empty deltas list");
        refused(
                LORA_AND_CLASSIFIER.replace("modulesToSave", "modules_to_save"),
                "unknown field \"modules_to_save\"");
        refused(
                LORA_AND_CLASSIFIER.replace("\"modules\"", "\"module\""),
                "unknown field \"module\"");
        refused(
                LORA_AND_CLASSIFIER.replace("[\"classifier\"]", "[\"clasifier\"]"),
                "\"clasifier\" matches no module");
        refused(LORA_AND_CLASSIFIER.replace("\"lora\"", "\"lorax\""), "delta lorax");
        refused(
                LORA_AND_CLASSIFIER.replace(
                        "\"arguments\"", "\"modifiedModules\": [\"classifier\"], \"arguments\""),
                "modified [classifier] when saved");
        refused(LORA_AND_CLASSIFIER.substring(0, 40), "is corrupt or truncated");
        IOException missing =
                assertThrows(
                        IOException.class, () -> TuningSpecFiles.read(tmp.resolve("none.json")));
        assertTrue(missing.getMessage().contains("none.json does not exist"), missing.getMessage());
    }

    private void refused(String json, String expected) throws IOException {
        Path file = write("bad.json", json);
        Block model = model();
        BackboneState before = BackboneState.of(model, () -> new float[0]);
        IOException e = assertThrows(IOException.class, () -> TuningSpecFiles.attach(file, model));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
        before.assertSame(model, () -> new float[0], e.getMessage());
    }
}
