package org.delta4j.models.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import org.delta4j.io.Safetensors;
import org.delta4j.models.FixtureOutputs;
import org.delta4j.models.Fixtures;
import org.delta4j.models.hf.HfModels;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our BERT, RoBERTa and DistilBERT give HF transformers' outputs on the golden fixtures. */
class BertFamilyFixtureTest {
    @ParameterizedTest
    @ValueSource(strings = {"bert", "bert_for_sequence_classification", "roberta", "distilbert"})
    void outputsMatchTransformers(String fixture) throws IOException {
        FixtureOutputs.assertMatch(fixture);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bert", "bert_for_sequence_classification", "roberta"})
    void positionIdsBufferLoadsAsInt64(String fixture) throws IOException {
        Path dir = Fixtures.model(fixture);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.load(dir, manager);
            String key =
                    fixture.startsWith("bert_for")
                            ? "bert.embeddings.position_ids"
                            : "embeddings.position_ids";
            NDArray loaded = ModuleTree.of(model).buffers().get(key).getArray();
            NDArray stored = Safetensors.read(dir.resolve("model.safetensors"), manager).get(key);
            assertEquals(DataType.INT64, loaded.getDataType());
            assertEquals(stored, loaded);
        }
    }
}
