package org.delta4j.models.gpt2;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.paralleladapter.ParallelAdapterSpec;
import org.delta4j.delta.prefix.PrefixSpec;
import org.delta4j.models.hf.HfModels;
import org.delta4j.nn.ParameterValues;
import org.delta4j.testing.Arrays2;
import org.junit.jupiter.api.Test;

/**
 * Forward passes in several threads at once on one model whose deltas keep values within a forward
 * pass (prefix tuning's reparameterised keys and values, a parallel adapter's output between its
 * two modules): each thread must get the outputs of its own inputs, as if it ran alone, while the
 * others close their arrays.
 */
class Gpt2ConcurrentForwardsTest {
    private static final int THREADS = 4;
    private static final int FORWARDS_PER_THREAD = 60;

    private static NDArray[] run(Block model, NDManager parent, long[] ids) {
        try (NDManager scratch = parent.newSubManager()) {
            NDArray input = scratch.create(ids, new Shape(1, ids.length));
            NDList out =
                    model.forward(new ParameterStore(scratch, false), new NDList(input), false);
            return new NDArray[] {parent.create(out.head().toFloatArray(), out.head().getShape())};
        }
    }

    @Test
    void eachThreadGetsTheOutputsOfItsOwnInputs() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.random(TinyGpt2.config("GPT2Model", ""), manager, 7);
            Tuning t =
                    TuningSpec.builder()
                            .add(PrefixSpec.builder().prefixTokenNum(3).build())
                            .add(
                                    ParallelAdapterSpec.builder()
                                            .modules("attn", "attn", "mlp.c_fc", "mlp.c_proj")
                                            .build())
                            .build()
                            .attach(model);
            t.deltaParameters().values().stream()
                    .filter(p -> p.getArray().getDataType() == DataType.FLOAT32)
                    .forEach(
                            p ->
                                    ParameterValues.assign(
                                            p,
                                            manager.randomNormal(
                                                    0, 0.2f, p.getShape(), DataType.FLOAT32)));
            // Different lengths, so a thread that got another's values would fail or give other
            // numbers.
            List<long[]> inputs =
                    List.of(
                            new long[] {5, 9, 2},
                            new long[] {7, 1, 3, 8, 4},
                            new long[] {11},
                            new long[] {3, 3, 3, 3, 3, 3, 3});
            List<float[]> alone = new ArrayList<>();
            for (long[] ids : inputs) {
                alone.add(run(model, manager, ids)[0].toFloatArray());
            }

            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int i = 0; i < THREADS; i++) {
                    int k = i;
                    runs.add(
                            pool.submit(
                                    () -> {
                                        for (int j = 0; j < FORWARDS_PER_THREAD; j++) {
                                            float[] got =
                                                    run(model, manager, inputs.get(k))[0]
                                                            .toFloatArray();
                                            Arrays2.assertClose(
                                                    alone.get(k),
                                                    got,
                                                    1e-5f,
                                                    "thread " + k + " forward " + j);
                                        }
                                        return null;
                                    }));
                }
                for (Future<?> f : runs) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
                assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            }
        }
    }
}
