package org.delta4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Dropout is the identity in inference and PyTorch's dropout in training: entries kept with
 * probability 1 - rate, scaled by PyTorch's float {@code 1 / (1 - rate)}, the gradient the same
 * mask and scale (also after a garbage collection between forward and backward), a stream fixed by
 * the seed.
 */
class DropoutTest {
    private static final int ENTRIES = 200_000;

    @Test
    void activeOnlyInTraining() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Dropout dropout = new Dropout(0.5f);
            NDArray x = manager.ones(new Shape(1000));
            ParameterStore ps = new ParameterStore(manager, false);
            assertSame(x, dropout.forward(ps, new NDList(x), false).head());
            NDArray dropped = dropout.forward(ps, new NDList(x), true).head();
            float kept = dropped.gt(0).toType(DataType.FLOAT32, false).mean().getFloat();
            assertEquals(0.5f, kept, 0.1f);
            assertEquals(2f, dropped.max().getFloat(), "kept entries are scaled by 1 / (1 - rate)");
        }
    }

    @Test
    void keepsOneMinusRateOfTheEntriesScaledAsPyTorchScalesThem() {
        float rate = 0.3f;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(new Shape(4, ENTRIES / 4));
            float[] in = x.toFloatArray();
            NDArray y = Functional.dropout(x, rate, true);
            assertEquals(x.getShape(), y.getShape());
            float[] out = y.toFloatArray();
            // PyTorch divides its 0/1 mask by (float) (1 - p) and multiplies: x * (1 / 0.7f).
            float scale = 1f / (1f - rate);
            int kept = 0;
            for (int i = 0; i < in.length; i++) {
                if (out[i] != 0f) {
                    kept++;
                    assertEquals(in[i] * scale, out[i], 0f, "entry " + i);
                }
            }
            // 7 standard deviations of the binomial count.
            double sd = Math.sqrt(ENTRIES * rate * (1 - rate));
            assertEquals(ENTRIES * (1 - rate), kept, 7 * sd);
        }
    }

    @Test
    void gradientIsTheSameMaskAndScaleAfterAGarbageCollection() {
        float rate = 0.25f;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.ones(new Shape(ENTRIES));
            x.setRequiresGradient(true);
            float[] forward;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = Functional.dropout(x, rate, true);
                forward = y.toFloatArray();
                NDArray sum = y.sum();
                System.gc();
                collector.backward(sum);
            }
            assertArrayEquals(forward, x.getGradient().toFloatArray());
            assertTrue(Arrays.asList(0f, 1f / (1f - rate)).containsAll(distinct(forward)));
        }
    }

    @Test
    void rateOneDropsEverythingWithAZeroGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(new Shape(1000));
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = Functional.dropout(x, 1f, true);
                assertEquals(x.getShape(), y.getShape());
                // x * 0, as PyTorch computes it: -0 for a negative entry.
                assertArrayEquals(new float[1000], y.abs().toFloatArray());
                collector.backward(y.sum());
            }
            assertArrayEquals(new float[1000], x.getGradient().toFloatArray());
        }
    }

    @Test
    void theSeedFixesTheMask() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.ones(new Shape(1000));
            Engine.getInstance().setRandomSeed(11);
            float[] first = Functional.dropout(x, 0.5f, true).toFloatArray();
            float[] next = Functional.dropout(x, 0.5f, true).toFloatArray();
            Engine.getInstance().setRandomSeed(11);
            float[] again = Functional.dropout(x, 0.5f, true).toFloatArray();
            assertArrayEquals(first, again);
            assertNotEquals(Arrays.toString(first), Arrays.toString(next));
        }
    }

    private static Set<Float> distinct(float[] values) {
        Set<Float> out = new HashSet<>();
        for (float v : values) {
            out.add(v);
        }
        return out;
    }
}
