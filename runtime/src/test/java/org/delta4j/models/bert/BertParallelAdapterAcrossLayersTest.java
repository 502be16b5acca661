package org.delta4j.models.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.paralleladapter.ParallelAdapterSpec;
import org.junit.jupiter.api.Test;

/**
 * A parallel adapter from a module of one layer to a module of a later one: in inference each layer
 * of a BERT encoder runs in a scope of its own, and the adapter's output must outlive it.
 */
class BertParallelAdapterAcrossLayersTest {
    @Test
    void theFirstLayersOutputReachesTheLaterLayer() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = TinyBertFamily.random("BertModel", manager, 3);
            TuningSpec.builder()
                    .add(
                            ParallelAdapterSpec.builder()
                                    .modules("layer.0.intermediate", "layer.1.output")
                                    .bottleneck(4)
                                    .build())
                    .build()
                    .attach(model);
            try (NDManager request = manager.newSubManager()) {
                NDArray ids = request.create(new long[][] {{2, 5, 7, 9}});
                ids.setName("input_ids");
                NDList out =
                        model.forward(new ParameterStore(request, false), new NDList(ids), false);
                assertEquals(4, out.head().getShape().get(1));
                out.head().toFloatArray();
            }
        }
    }
}
