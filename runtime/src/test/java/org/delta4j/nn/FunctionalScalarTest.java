package org.delta4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Scalar arithmetic and indices from Java survive a garbage collection between the forward and the
 * backward pass. DJL's own {@code mul(Number)} does not: its scalar lives in a Java buffer that a
 * GC frees while autograd still needs it.
 */
class FunctionalScalarTest {
    @Test
    void gradientOfTimesIsRightAfterAGarbageCollection() {
        float[] grad = gradientAfterGc(Functional::times);
        float[] expected = new float[grad.length];
        Arrays.fill(expected, 3f);
        assertArrayEquals(expected, grad);
    }

    @Test
    void gradientThroughPlusIsRightAfterAGarbageCollection() {
        float[] grad = gradientAfterGc((x, c) -> Functional.plus(x, c).mul(x));
        float[] x = {0.5f, -1f, 2f, 4f};
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * x[i] + 3f;
        }
        assertArrayEquals(x, grad, 1e-6f);
    }

    @Test
    void gradientOfDividedByIsRightAfterAGarbageCollection() {
        float[] grad = gradientAfterGc(Functional::dividedBy);
        float[] expected = new float[grad.length];
        Arrays.fill(expected, 1f / 3f);
        assertArrayEquals(expected, grad);
    }

    @Test
    void gradientOfSiluIsRightAfterAGarbageCollection() {
        float[] grad = gradientAfterGc((x, c) -> Functional.silu(x));
        float[] x = {0.5f, -1f, 2f, 4f};
        float[] expected = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = 1 / (1 + Math.exp(-x[i]));
            expected[i] = (float) (s * (1 + x[i] * (1 - s)));
        }
        assertArrayEquals(expected, grad, 1e-6f);
    }

    @Test
    void indicesOutliveTheirHandleForTheBackwardPass() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4, 5});
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray picked;
                try (NDArray index = Functional.indices(m, new long[] {1, 1, 3}, new Shape(3))) {
                    picked = x.gather(index, 0);
                }
                assertArrayEquals(new float[] {2, 2, 4}, picked.toFloatArray());
                NDArray y = picked.sum();
                churnNativeMemory();
                collector.backward(y);
            }
            assertArrayEquals(new float[] {0, 2, 0, 1, 0}, x.getGradient().toFloatArray());
        }
    }

    private static float[] gradientAfterGc(BiFunction<NDArray, Float, NDArray> op) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {0.5f, -1f, 2f, 4f}, new Shape(4));
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = op.apply(x, 3f).sum();
                churnNativeMemory();
                collector.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }

    /**
     * Collects garbage and hands the freed native memory out again, zeroed, as a long training run
     * would.
     */
    private static void churnNativeMemory() {
        for (int round = 0; round < 5; round++) {
            System.gc();
            List<ByteBuffer> reuse = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                reuse.add(ByteBuffer.allocateDirect(4));
            }
            reuse.clear();
        }
    }
}
