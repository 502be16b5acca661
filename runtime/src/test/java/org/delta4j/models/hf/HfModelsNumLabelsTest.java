package org.delta4j.models.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.delta4j.models.FixtureEdits;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelChecks;
import org.delta4j.models.ModelInputs;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a class with a classification head with a number of labels of the caller's, as {@code
 * from_pretrained(dir, num_labels=n)}: a classifier of that size loads, one of another size loads
 * fresh (HF's {@code ignore_mismatched_sizes}), the base always loads exactly.
 */
class HfModelsNumLabelsTest {
    private static final String CLASSIFIER = "BertForSequenceClassification";

    @TempDir Path temp;

    @Test
    void theCheckpointsNumberOfLabelsLoadsItsClassifier() throws IOException {
        Path dir = Fixtures.model("bert_for_sequence_classification");
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(
                    logits(HfModels.load(dir, manager), manager),
                    logits(HfModels.loadAs(dir, CLASSIFIER, 2, manager), manager));
        }
    }

    @Test
    void anotherNumberOfLabelsGetsAFreshClassifierOverTheSameBase() throws IOException {
        Path dir = Fixtures.model("bert_for_sequence_classification");
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Parameter> two = ModuleTree.of(HfModels.load(dir, manager)).state();
            Block model = HfModels.loadAs(dir, CLASSIFIER, 3, manager);
            Map<String, Parameter> three = ModuleTree.of(model).state();
            two.forEach(
                    (k, p) -> {
                        if (k.startsWith("bert.")) {
                            assertEquals(p.getArray(), three.get(k).getArray(), k);
                        }
                    });
            Parameter weight = three.get("classifier.weight");
            assertEquals(new Shape(3, 32), weight.getArray().getShape());
            assertEquals(new Shape(3), three.get("classifier.bias").getArray().getShape());
            assertTrue(weight.requiresGradient());
            assertNotEquals(0f, weight.getArray().abs().sum().getFloat(), "initialised, not zero");
            assertEquals(new Shape(2, 3), logits(model, manager).getShape().slice(0, 2));
        }
    }

    /** HF's {@code num_labels} argument wins over the config's {@code id2label}. */
    @Test
    void theConfigsLabelNamesDoNotOverrideTheNumberOfLabels() throws IOException {
        Path dir = FixtureEdits.copy("bert_for_sequence_classification", temp, w -> {});
        Path config = dir.resolve("config.json");
        Files.writeString(
                config,
                Files.readString(config)
                        .replace(
                                "\"vocab_size\"",
                                "\"id2label\": {\"0\": \"no\", \"1\": \"yes\"}, "
                                        + "\"label2id\": {\"no\": 0, \"yes\": 1}, \"vocab_size\""));
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.loadAs(dir, CLASSIFIER, 4, manager);
            assertEquals(
                    new Shape(4, 32),
                    ModuleTree.of(model).state().get("classifier.weight").getShape());
        }
    }

    /** Only the classifier may be of another size: the base must still fit exactly. */
    @Test
    void aBaseOfAnotherSizeIsStillRefused() throws IOException {
        Path dir =
                FixtureEdits.copy(
                        "bert_for_sequence_classification",
                        temp,
                        w -> {
                            NDArray bias = w.get("bert.pooler.dense.bias");
                            w.put("bert.pooler.dense.bias", bias.concat(bias));
                        });
        try (NDManager manager = NDManager.newBaseManager()) {
            IOException e =
                    assertThrows(
                            IOException.class, () -> HfModels.loadAs(dir, CLASSIFIER, 3, manager));
            assertTrue(
                    e.getMessage().contains("shape mismatch for bert.pooler.dense.bias"),
                    e.getMessage());
            assertEquals(0, manager.getManagedArrays().size(), "a failed load keeps no arrays");
        }
    }

    @Test
    void aNumberOfLabelsBelowOneOrOnAClassWithoutClassifierIsRefused() {
        Path dir = Fixtures.model("bert_for_sequence_classification");
        try (NDManager manager = NDManager.newBaseManager()) {
            Exception e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> HfModels.loadAs(dir, CLASSIFIER, 0, manager));
            assertEquals(
                    "numLabels = 0 is not a number of labels: expected at least 1", e.getMessage());
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> HfModels.loadAs(dir, "BertModel", 2, manager));
            assertEquals(
                    "numLabels = 2 sizes a classification head, and BertModel has none; the classes "
                            + "with one: BertForSequenceClassification. Load BertModel without "
                            + "numLabels",
                    e.getMessage());
        }
    }

    private static NDArray logits(Block model, NDManager manager) throws IOException {
        NDList in =
                ModelInputs.fromJson(
                        manager,
                        Fixtures.model("bert_for_sequence_classification").resolve("inputs.json"));
        return ModelChecks.eval(model, manager, in).get("logits");
    }
}
