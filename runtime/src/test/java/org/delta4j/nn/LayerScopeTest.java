package org.delta4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * An inference layer's intermediates are freed when it returns, its output and inputs stay with the
 * pass; in training nothing is freed, since the backward pass needs the intermediates.
 */
class LayerScopeTest {
    @Test
    void inferenceFreesIntermediatesAndKeepsOutputAndInputs() {
        try (NDManager pass = NDManager.newBaseManager()) {
            NDArray x = pass.create(new float[] {1, 2, 3});
            NDArray y = pass.create(new float[] {10, 20, 30});
            AtomicReference<NDArray> intermediate = new AtomicReference<>();
            NDArray out =
                    LayerScope.run(
                            false,
                            () -> {
                                intermediate.set(x.mul(x));
                                return intermediate.get().add(y);
                            },
                            x,
                            y);
            assertTrue(intermediate.get().isReleased(), "the intermediate is freed");
            assertFalse(out.isReleased());
            assertSame(pass, out.getManager());
            assertSame(pass, x.getManager());
            assertSame(pass, y.getManager());
            assertArrayEquals(new float[] {11, 24, 39}, out.toFloatArray());
            assertArrayEquals(new float[] {1, 2, 3}, x.toFloatArray());
        }
    }

    @Test
    void trainingKeepsIntermediatesInThePass() {
        try (NDManager pass = NDManager.newBaseManager()) {
            NDArray x = pass.create(new float[] {1, 2, 3});
            AtomicReference<NDArray> intermediate = new AtomicReference<>();
            NDArray out =
                    LayerScope.run(
                            true,
                            () -> {
                                intermediate.set(x.mul(x));
                                return intermediate.get().add(x);
                            },
                            x);
            assertFalse(intermediate.get().isReleased());
            assertSame(pass, intermediate.get().getManager());
            assertArrayEquals(new float[] {2, 6, 12}, out.toFloatArray());
        }
    }

    @Test
    void passManagerIsTheManagerOutsideEveryLayer() {
        try (NDManager pass = NDManager.newBaseManager()) {
            NDArray x = pass.create(new float[] {1, 2});
            AtomicReference<NDManager> seen = new AtomicReference<>();
            LayerScope.run(
                    false,
                    () -> {
                        NDArray inLayer = x.mul(x);
                        seen.set(LayerScope.passManager(inLayer));
                        return inLayer;
                    },
                    x);
            assertSame(pass, seen.get());
            assertSame(pass, LayerScope.passManager(x));
        }
    }
}
