package org.delta4j.models.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.delta4j.io.Safetensors;
import org.delta4j.models.Fixtures;
import org.delta4j.models.HfModels;
import org.delta4j.models.ModelInputs;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our BERT, RoBERTa and DistilBERT give HF transformers' outputs on the golden fixtures. */
class BertFamilyFixtureTest {
    private static final float TOLERANCE = 1e-5f;

    @ParameterizedTest
    @ValueSource(strings = {"bert", "bert_for_sequence_classification", "roberta", "distilbert"})
    void outputsMatchTransformers(String fixture) throws IOException {
        Path dir = Fixtures.model(fixture);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.load(dir, manager);
            NDList out = model.forward(new ParameterStore(manager, false),
                    ModelInputs.fromJson(manager, dir.resolve("inputs.json")), false);
            Map<String, NDArray> expected = Safetensors.read(dir.resolve("expected.safetensors"), manager);
            for (Map.Entry<String, NDArray> e : expected.entrySet()) {
                NDArray actual = out.get(e.getKey());
                assertTrue(actual != null, fixture + ": no output named " + e.getKey());
                assertEquals(e.getValue().getShape(), actual.getShape(), fixture + " " + e.getKey());
                float diff = Fixtures.maxAbsDiff(actual, e.getValue());
                System.out.printf("%s %s max abs diff %.3g%n", fixture, e.getKey(), diff);
                assertTrue(diff <= TOLERANCE, fixture + " " + e.getKey() + " differs by " + diff);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bert", "bert_for_sequence_classification", "roberta"})
    void positionIdsBufferLoadsAsInt64(String fixture) throws IOException {
        Path dir = Fixtures.model(fixture);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.load(dir, manager);
            String key = fixture.startsWith("bert_for") ? "bert.embeddings.position_ids" : "embeddings.position_ids";
            NDArray loaded = ModuleTree.of(model).buffers().get(key).getArray();
            NDArray stored = Safetensors.read(dir.resolve("model.safetensors"), manager).get(key);
            assertEquals(DataType.INT64, loaded.getDataType());
            assertEquals(stored, loaded);
        }
    }
}
