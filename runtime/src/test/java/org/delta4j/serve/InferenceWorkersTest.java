package org.delta4j.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.HfModels;
import org.junit.jupiter.api.Test;

/**
 * Workers over one model: the same results as the calling thread, each worker's own intra-op thread
 * count and no gradient recording, and a close that finishes queued work and refuses more.
 */
class InferenceWorkersTest {
    @Test
    void workersServeOneModelAsTheCallingThreadDoes() throws Exception {
        try (NDManager weights = NDManager.newBaseManager();
                InferenceWorkers workers = new InferenceWorkers(2, 1)) {
            Block model = HfModels.load(Fixtures.model("bert"), weights);
            List<Future<float[]>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                long[][] ids = request(i);
                futures.add(
                        workers.submit(
                                m ->
                                        Inference.forward(model, m, inputs(m, ids))
                                                .get("pooler_output")
                                                .toFloatArray()));
            }
            for (int i = 0; i < 8; i++) {
                long[][] ids = request(i);
                float[] here =
                        Inference.run(
                                model,
                                weights,
                                m -> inputs(m, ids),
                                out -> out.get("pooler_output").toFloatArray());
                assertArrayEquals(here, futures.get(i).get(), 1e-6f, "request " + i);
            }
        }
    }

    @Test
    void eachWorkerComputesWithItsOwnThreadCountAndRecordsNoGradients() throws Exception {
        for (int threads = 1; threads <= 2; threads++) {
            try (InferenceWorkers workers = new InferenceWorkers(2, threads)) {
                for (int i = 0; i < 4; i++) {
                    assertEquals(threads, workers.submit(m -> JniUtils.getNumThreads()).get());
                    assertFalse(workers.submit(m -> JniUtils.isGradMode()).get());
                }
            }
        }
    }

    @Test
    void closeFinishesQueuedRequestsAndRefusesNewOnes() throws Exception {
        InferenceWorkers workers = new InferenceWorkers(1, 1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            futures.add(
                    workers.submit(
                            m -> {
                                sleep(40);
                                return (int) m.create(new int[] {n, n}).sum().getLong();
                            }));
        }
        workers.close();
        for (int i = 0; i < 5; i++) {
            assertTrue(futures.get(i).isDone(), "request " + i + " finished before close returned");
            assertEquals(2 * i, futures.get(i).get());
        }
        RejectedExecutionException e =
                assertThrows(RejectedExecutionException.class, () -> workers.submit(m -> 1));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void countsBelowOneAreRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new InferenceWorkers(0, 2));
        assertTrue(e.getMessage().contains("at least 1, got 0 and 2"), e.getMessage());
    }

    private static long[][] request(int i) {
        return new long[][] {{2 + i, 31, 12, 45 + i, 7}};
    }

    private static NDList inputs(NDManager m, long[][] ids) {
        return ModelInputs.of(m, Map.of("input_ids", ids));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
