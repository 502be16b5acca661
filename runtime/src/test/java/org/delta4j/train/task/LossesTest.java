package org.delta4j.train.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The losses against values computed by hand in double. */
class LossesTest {
    @Test
    void crossEntropyIsTheMeanNegativeLogSoftmaxOfTheTargets() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {1, 2, 3, 1, 0, 0}, new Shape(2, 3));
            float loss = Losses.crossEntropy(logits, m.create(new long[] {2, 0})).getFloat();
            double row0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
            double row1 = Math.log(Math.E + 2) - 1;
            assertEquals((row0 + row1) / 2, loss, 1e-6);
        }
    }

    @Test
    void crossEntropyAveragesOverTheTargetsThatAreNotIgnored() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {1, 2, 3, 1, 0, 0, 5, 5, 5}, new Shape(3, 3));
            float loss = Losses.crossEntropy(logits, m.create(new long[] {2, -100, 1})).getFloat();
            double row0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3;
            double row2 = Math.log(3);
            assertEquals((row0 + row2) / 2, loss, 1e-6);
        }
    }

    @Test
    void crossEntropyOfOnlyIgnoredTargetsIsNaNAsInPyTorch() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {1, 2}, new Shape(1, 2));
            assertTrue(
                    Float.isNaN(
                            Losses.crossEntropy(logits, m.create(new long[] {-100})).getFloat()));
        }
    }

    @Test
    void meanSquaredErrorIsTheMeanOfTheSquaredDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            float loss =
                    Losses.meanSquaredError(
                                    m.create(new float[] {1, 2}), m.create(new float[] {0, 4}))
                            .getFloat();
            assertEquals(2.5f, loss);
        }
    }

    @Test
    void accuracyCountsArgmaxHitsOverTheTargetsNotIgnored() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {1, 2, 3, 1, 0, 0, 0, 9, 0}, new Shape(3, 3));
            assertEquals(
                    new Accuracy(1, 2), Losses.accuracy(logits, m.create(new long[] {2, 1, -100})));
        }
    }

    @Test
    void accuracyAddsUpAndRefusesImpossibleCounts() {
        assertEquals(0.75, new Accuracy(1, 2).plus(new Accuracy(2, 2)).value());
        assertTrue(Double.isNaN(Accuracy.NONE.value()));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Accuracy(3, 2));
        assertTrue(e.getMessage().contains("3 of 2"), e.getMessage());
    }
}
