package org.delta4j.models;

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
import java.util.Map;
import java.util.function.Consumer;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading the base model of any checkpoint of a supported model type, as HF's AutoModel does. */
class HfModelsLoadBaseTest {
    @TempDir
    Path temp;

    /** Every fixture's base model holds the weights its full model holds under the base prefix. */
    @ParameterizedTest
    @CsvSource({
        "bart, BartModel, ''", "bart_for_conditional_generation, BartModel, model.",
        "bert, BertModel, ''", "bert_for_sequence_classification, BertModel, bert.",
        "roberta, RobertaModel, ''", "distilbert, DistilBertModel, ''",
        "gpt2, GPT2Model, ''", "gpt2_lm_head, GPT2Model, transformer.",
        "t5, T5Model, ''", "t5_for_conditional_generation, T5Model, ''"})
    void baseModelHoldsTheFullModelsBaseWeights(String fixture, String baseClass, String prefix) throws IOException {
        Path dir = Fixtures.model(fixture);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block base = HfModels.loadBase(dir, manager);
            assertEquals(baseClass, base.getClass().getSimpleName());
            Map<String, Parameter> full = state(HfModels.load(dir, manager));
            for (Map.Entry<String, Parameter> e : state(base).entrySet()) {
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
        assertTrue(message.contains("BertForMaskedLM") && message.contains("HfModels.loadBase")
                && message.contains("BertModel"), message);
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(hidden(HfModels.load(Fixtures.model("bert"), manager), manager),
                    hidden(HfModels.loadBase(dir, manager), manager));
        }
    }

    @Test
    void baseKeysMustStillFitExactly() throws IOException {
        Path dir = maskedLm(w -> w.remove("bert.pooler.dense.bias"));
        try (NDManager manager = NDManager.newBaseManager()) {
            Exception e = assertThrows(IOException.class, () -> HfModels.loadBase(dir, manager));
            assertEquals(0, manager.getManagedArrays().size(), "a failed load must keep no arrays");
            assertTrue(e.getMessage().contains("missing key pooler.dense.bias")
                    && e.getMessage().contains("base model part"), e.getMessage());
        }
    }

    @Test
    void buffersLeftOutOfTheCheckpointKeepTheirComputedValues() throws IOException {
        Path dir = FixtureEdits.copy("bert", temp, w -> w.remove("embeddings.position_ids"));
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(hidden(HfModels.load(Fixtures.model("bert"), manager), manager),
                    hidden(HfModels.load(dir, manager), manager));
        }
    }

    /** The BERT fixture saved as a {@code BertForMaskedLM} would be: under {@code bert.}, with a head. */
    private Path maskedLm(Consumer<Map<String, NDArray>> edit) throws IOException {
        FixtureEdits.copy("bert", temp, w -> {
            Map<String, NDArray> prefixed = new LinkedHashMap<>();
            w.forEach((k, v) -> prefixed.put("bert." + k, v));
            NDArray any = w.values().iterator().next();
            prefixed.put("cls.predictions.bias", any.getManager().zeros(new Shape(7)));
            w.clear();
            w.putAll(prefixed);
            edit.accept(w);
        });
        Path config = temp.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"BertModel\"", "\"BertForMaskedLM\""));
        return temp;
    }

    private static Map<String, Parameter> state(Block model) {
        Map<String, Parameter> state = new LinkedHashMap<>(ModuleTree.of(model).parameters());
        state.putAll(ModuleTree.of(model).buffers());
        return state;
    }

    private static NDArray hidden(Block model, NDManager manager) throws IOException {
        NDList in = ModelInputs.fromJson(manager, Fixtures.model("bert").resolve("inputs.json"));
        return ModelChecks.eval(model, manager, in).get("last_hidden_state");
    }
}
