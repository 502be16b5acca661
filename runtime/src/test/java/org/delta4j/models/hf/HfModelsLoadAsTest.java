package org.delta4j.models.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.delta4j.models.FixtureEdits;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelChecks;
import org.delta4j.models.ModelInputs;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Loading a checkpoint as another class of its model type: its base model (AutoModel), or a class
 * with a head.
 */
class HfModelsLoadAsTest {
    @TempDir Path temp;

    /** Every fixture's base model holds the weights its full model holds under the base prefix. */
    @ParameterizedTest
    @CsvSource({
        "bart, BartModel, ''", "bart_for_conditional_generation, BartModel, model.",
        "bert, BertModel, ''", "bert_for_sequence_classification, BertModel, bert.",
        "roberta, RobertaModel, ''", "distilbert, DistilBertModel, ''",
        "gpt2, GPT2Model, ''", "gpt2_lm_head, GPT2Model, transformer.",
        "t5, T5Model, ''", "t5_for_conditional_generation, T5Model, ''"
    })
    void baseModelHoldsTheFullModelsBaseWeights(String fixture, String baseClass, String prefix)
            throws IOException {
        Path dir = Fixtures.model(fixture);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block base = HfModels.loadBase(dir, manager);
            assertEquals(baseClass, base.getClass().getSimpleName());
            Map<String, Parameter> full = ModuleTree.of(HfModels.load(dir, manager)).state();
            for (Map.Entry<String, Parameter> e : ModuleTree.of(base).state().entrySet()) {
                Parameter expected = full.get(prefix + e.getKey());
                assertTrue(expected != null, "the full model has no " + prefix + e.getKey());
                assertEquals(expected.getArray(), e.getValue().getArray(), e.getKey());
            }
        }
    }

    @Test
    void headCheckpointOfAnUnbuiltClassLoadsItsBase() throws IOException {
        Path dir = maskedLm(w -> {});
        String message = FixtureEdits.loadError(dir);
        assertTrue(
                message.contains("BertForMaskedLM")
                        && message.contains("HfModels.loadBase")
                        && message.contains("BertModel"),
                message);
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(
                    hidden(HfModels.load(Fixtures.model("bert"), manager), manager),
                    hidden(HfModels.loadBase(dir, manager), manager));
        }
    }

    @Test
    void baseKeysMustStillFitExactly() throws IOException {
        Path dir = maskedLm(w -> w.remove("bert.encoder.layer.1.output.dense.bias"));
        try (NDManager manager = NDManager.newBaseManager()) {
            Exception e = assertThrows(IOException.class, () -> HfModels.loadBase(dir, manager));
            assertEquals(0, manager.getManagedArrays().size(), "a failed load must keep no arrays");
            assertTrue(
                    e.getMessage().contains("missing key encoder.layer.1.output.dense.bias"),
                    e.getMessage());
        }
    }

    /** HF saves its masked-LM classes without the pooler; the base model then gets a fresh one. */
    @Test
    void aMissingPoolerIsInitialisedFresh() throws IOException {
        Path dir = maskedLm(w -> w.keySet().removeIf(k -> k.startsWith("bert.pooler.")));
        try (NDManager manager = NDManager.newBaseManager()) {
            Block base = HfModels.loadBase(dir, manager);
            assertEquals(
                    hidden(HfModels.load(Fixtures.model("bert"), manager), manager),
                    hidden(base, manager));
            Parameter pooler = ModuleTree.of(base).parameters().get("pooler.dense.weight");
            assertTrue(pooler.isInitialized() && pooler.getArray().abs().sum().getFloat() > 0);
        }
    }

    /**
     * Regression: the error for a BertModel folder without pooler weights did not say how to load
     * it.
     */
    @Test
    void aBaseFolderWithoutPoolerPointsAtLoadBase() throws IOException {
        Path dir =
                FixtureEdits.copy(
                        "bert", temp, w -> w.keySet().removeIf(k -> k.startsWith("pooler.")));
        assertEquals(
                dir
                        + " has no weights for BertModel's pooler (HF saves masked-LM and other head checkpoints "
                        + "without it): load it with HfModels.loadBase (--base on the command line) to get a freshly "
                        + "initialised pooler, whose pooler_output is then not the checkpoint's",
                FixtureEdits.loadError(dir));
        try (NDManager manager = NDManager.newBaseManager()) {
            LoadedModel loaded = HfModels.loadBaseReporting(dir, manager);
            assertEquals(
                    List.of("pooler.dense.weight", "pooler.dense.bias"), loaded.freshParameters());
            assertEquals(List.of("pooler_output"), loaded.freshOutputs());
            LoadedModel whole = HfModels.loadBaseReporting(Fixtures.model("bert"), manager);
            assertEquals(List.of(), whole.freshParameters());
            assertEquals(List.of(), whole.freshOutputs());
        }
    }

    /**
     * The original GPT-2 hub checkpoint: a GPT2LMHeadModel config over base keys without {@code
     * transformer.}.
     */
    @Test
    void headClassLoadsFromABaseCheckpoint() throws IOException {
        Path dir =
                FixtureEdits.copy(
                        "gpt2_lm_head",
                        temp,
                        w -> {
                            Map<String, NDArray> base = new LinkedHashMap<>();
                            w.forEach(
                                    (k, v) -> {
                                        if (k.startsWith("transformer.")) {
                                            base.put(k.substring("transformer.".length()), v);
                                        }
                                    });
                            w.clear();
                            w.putAll(base);
                        });
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList in =
                    ModelInputs.fromJson(
                            manager, Fixtures.model("gpt2_lm_head").resolve("inputs.json"));
            NDArray expected =
                    ModelChecks.eval(
                                    HfModels.load(Fixtures.model("gpt2_lm_head"), manager),
                                    manager,
                                    in)
                            .get("logits");
            Block model = HfModels.loadAs(dir, "GPT2LMHeadModel", manager);
            assertEquals(expected, ModelChecks.eval(model, manager, in).get("logits"));
        }
    }

    /**
     * BertForSequenceClassification from a BertModel checkpoint: the base is loaded, the classifier
     * is fresh.
     */
    @Test
    void aHeadTheCheckpointLacksIsInitialisedFresh() throws IOException {
        Path dir = Fixtures.model("bert");
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Parameter> base = ModuleTree.of(HfModels.load(dir, manager)).state();
            Map<String, Parameter> classifier =
                    ModuleTree.of(HfModels.loadAs(dir, "BertForSequenceClassification", manager))
                            .state();
            base.forEach(
                    (k, p) ->
                            assertEquals(p.getArray(), classifier.get("bert." + k).getArray(), k));
            Parameter weight = classifier.get("classifier.weight");
            assertTrue(weight.isInitialized() && weight.requiresGradient());
            assertTrue(
                    weight.getArray().abs().sum().getFloat() > 0,
                    "the classifier is initialised, not zero");
        }
    }

    @Test
    void aClassOfAnotherModelTypeIsRefused() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Exception e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> HfModels.loadAs(Fixtures.model("bert"), "GPT2Model", manager));
            assertTrue(
                    e.getMessage().contains("GPT2Config") && e.getMessage().contains("\"bert\""),
                    e.getMessage());
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    HfModels.loadAs(
                                            Fixtures.model("bert"), "BertForMaskedLM", manager));
            assertTrue(e.getMessage().contains("BertForSequenceClassification"), e.getMessage());
            assertEquals(0, manager.getManagedArrays().size());
        }
    }

    @Test
    void buffersLeftOutOfTheCheckpointKeepTheirComputedValues() throws IOException {
        Path dir = FixtureEdits.copy("bert", temp, w -> w.remove("embeddings.position_ids"));
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(
                    hidden(HfModels.load(Fixtures.model("bert"), manager), manager),
                    hidden(HfModels.load(dir, manager), manager));
        }
    }

    /**
     * The BERT fixture saved as a {@code BertForMaskedLM} would be: under {@code bert.}, with a
     * head.
     */
    private Path maskedLm(Consumer<Map<String, NDArray>> edit) throws IOException {
        FixtureEdits.copy(
                "bert",
                temp,
                w -> {
                    Map<String, NDArray> prefixed = new LinkedHashMap<>();
                    w.forEach((k, v) -> prefixed.put("bert." + k, v));
                    NDArray any = w.values().iterator().next();
                    prefixed.put("cls.predictions.bias", any.getManager().zeros(new Shape(7)));
                    w.clear();
                    w.putAll(prefixed);
                    edit.accept(w);
                });
        Path config = temp.resolve("config.json");
        Files.writeString(
                config, Files.readString(config).replace("\"BertModel\"", "\"BertForMaskedLM\""));
        return temp;
    }

    private static NDArray hidden(Block model, NDManager manager) throws IOException {
        NDList in = ModelInputs.fromJson(manager, Fixtures.model("bert").resolve("inputs.json"));
        return ModelChecks.eval(model, manager, in).get("last_hidden_state");
    }
}
