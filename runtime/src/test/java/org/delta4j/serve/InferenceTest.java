package org.delta4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.HfModels;
import org.junit.jupiter.api.Test;

/**
 * The eval path from a worker thread, where PyTorch records gradients unless told not to: on a
 * model with a trainable LoRA attached, a pass records no graph, and many passes leave the model's
 * manager and the requests' parent as they were.
 */
class InferenceTest {
    private static final long[][] IDS = {{5, 31, 12, 45, 7, 1}, {9, 8, 9, 1, 3, 4}};

    @Test
    void aPassInAFreshThreadRecordsNoGraphAndRestoresTheThreadsGradMode() throws Exception {
        try (NDManager weights = NDManager.newBaseManager()) {
            Block model = trainableLora(weights);
            inFreshThread(
                    () -> {
                        try (NDManager request = weights.newSubManager()) {
                            // The control: without Inference, a worker thread records a graph.
                            NDList plain =
                                    model.forward(
                                            new ParameterStore(request, false),
                                            inputs(request),
                                            false);
                            assertTrue(recordsGraph(plain.get("last_hidden_state")));
                            NDList out = Inference.forward(model, request, inputs(request));
                            assertFalse(recordsGraph(out.get("last_hidden_state")));
                            assertFalse(recordsGraph(out.get("pooler_output")));
                            assertTrue(JniUtils.isGradMode(), "the thread's own setting");
                        }
                        return null;
                    });
        }
    }

    @Test
    void manyRequestsLeaveTheModelsManagerAndTheParentAsTheyWere() throws Exception {
        try (NDManager weights = NDManager.newBaseManager();
                NDManager requests = NDManager.newBaseManager()) {
            Block model = trainableLora(weights);
            int before = weights.getManagedArrays().size();
            float first =
                    inFreshThread(
                            () -> {
                                float value = 0;
                                for (int i = 0; i < 50; i++) {
                                    value =
                                            Inference.run(
                                                    model,
                                                    requests,
                                                    InferenceTest::inputs,
                                                    out ->
                                                            out.get("pooler_output")
                                                                    .toFloatArray()[0]);
                                }
                                return value;
                            });
            assertTrue(Float.isFinite(first));
            assertEquals(before, weights.getManagedArrays().size(), "model's manager");
            assertEquals(0, requests.getManagedArrays().size(), "requests' parent");
        }
    }

    private static Block trainableLora(NDManager weights) throws Exception {
        Block model = HfModels.load(Fixtures.model("bert"), weights);
        TuningSpec.builder()
                .add(LoraSpec.builder().modules("query", "value").r(2).build())
                .build()
                .attach(model);
        return model;
    }

    private static NDList inputs(NDManager manager) {
        return ModelInputs.of(manager, Map.of("input_ids", IDS));
    }

    /**
     * Whether backward runs from the output. DJL 0.36's {@code hasGradient} (PyTorch's {@code
     * requires_grad}) reads false on results of operations even when a graph is recorded, so the
     * graph is tested by using it.
     */
    private static boolean recordsGraph(NDArray output) {
        try (NDManager scope = output.getManager().newSubManager()) {
            NDArray sum = output.sum();
            sum.attach(scope);
            NDArray seed = scope.ones(sum.getShape());
            try {
                JniUtils.backward((PtNDArray) sum, (PtNDArray) seed, false, false);
                return true;
            } catch (EngineException e) {
                assertTrue(e.getMessage().contains("does not require grad"), e.getMessage());
                return false;
            }
        }
    }

    private static <T> T inFreshThread(Callable<T> work) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            return thread.submit(work).get();
        } finally {
            thread.shutdown();
        }
    }
}
