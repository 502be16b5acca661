package org.delta4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The scalars that {@link Functional} shares between passes and threads. */
class ConstantsTest {
    private static final float[] X = {0.5f, -1f, 2f, 4f};

    @Test
    void oneConstantServesEveryUseOfAValueTypeAndDevice() {
        Constants constants = new Constants(8);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(X);
            assertArrayEquals(new float[] {1, -2, 4, 8}, mul(constants, x, 2f));
            assertArrayEquals(new float[] {1, -2, 4, 8}, mul(constants, x, 2f));
            assertEquals(1, constants.count());
            assertArrayEquals(new float[] {1.5f, -3, 6, 12}, mul(constants, x, 3f));
            assertEquals(2, constants.count());
            NDArray wide = x.toType(DataType.FLOAT64, false);
            NDArray doubled = constants.apply(wide, 2f, NDArray::mul);
            assertEquals(DataType.FLOAT64, doubled.getDataType());
            assertArrayEquals(new double[] {1, -2, 4, 8}, doubled.toDoubleArray());
            assertEquals(3, constants.count());
        }
    }

    @Test
    void pastTheLimitAnOperationMakesItsOwnScalarAndFreesIt() {
        Constants constants = new Constants(1);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(X);
            mul(constants, x, 2f);
            int before = m.getManagedArrays().size();
            NDArray y = constants.apply(x, 5f, NDArray::mul);
            assertArrayEquals(new float[] {2.5f, -5, 10, 20}, y.toFloatArray());
            assertEquals(1, constants.count());
            assertEquals(before + 1, m.getManagedArrays().size(), "only the result is left");
        }
    }

    @Test
    void aConstantMadeWithoutGradientsServesALaterBackwardPass() {
        Constants constants = new Constants(8);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(X);
            // As an evaluation pass makes it, and a training step then reuses it.
            NoGrad.run(() -> constants.apply(x, 3f, NDArray::mul));
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(constants.apply(x, 3f, NDArray::mul).sum());
            }
            assertArrayEquals(new float[] {3, 3, 3, 3}, x.getGradient().toFloatArray());
            assertEquals(1, constants.count());
        }
    }

    @Test
    void threadsShareConstantsAndEachGetsItsOwnResult() throws Exception {
        Constants constants = new Constants(64);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(X);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(
                        pool.submit(
                                () -> {
                                    for (int i = 0; i < 200; i++) {
                                        float c = i % 4 + 1;
                                        try (NDManager scope = m.newSubManager()) {
                                            NDArray y = constants.apply(x, c, NDArray::mul);
                                            y.attach(scope);
                                            if (y.toFloatArray()[3] != 4 * c) {
                                                return false;
                                            }
                                        }
                                    }
                                    return true;
                                }));
            }
            for (Future<Boolean> r : results) {
                assertEquals(true, r.get());
            }
            assertEquals(4, constants.count());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whereFillsWithASharedConstantInTheArraysType() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(X);
            NDArray keep = m.create(new boolean[] {true, false, true, false});
            NDArray first = Functional.where(keep, x, -7f);
            int shared = Constants.SHARED.count();
            NDArray again = Functional.where(keep, x.toType(DataType.FLOAT64, false), -7f);
            Functional.where(keep, x, -7f);

            assertArrayEquals(new float[] {0.5f, -7, 2, -7}, first.toFloatArray());
            assertEquals(DataType.FLOAT64, again.getDataType());
            assertArrayEquals(new double[] {0.5, -7, 2, -7}, again.toDoubleArray());
            assertEquals(shared + 1, Constants.SHARED.count(), "one more for float64, none again");
        }
    }

    private static float[] mul(Constants constants, NDArray x, float c) {
        return constants.apply(x, c, NDArray::mul).toFloatArray();
    }
}
