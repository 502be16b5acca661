package org.delta4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class AttentionMasksTest {
    private static final float M = AttentionMasks.MIN;

    @Test
    void paddingMaskIsAdditive() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray mask =
                    AttentionMasks.padding(manager.create(new long[][] {{1, 1, 0}, {1, 0, 0}}));
            assertEquals(new Shape(2, 1, 1, 3), mask.getShape());
            assertArrayEquals(new float[] {0, 0, M, 0, M, M}, mask.toFloatArray());
        }
    }

    @Test
    void causalMaskHidesTheFuture() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray mask = AttentionMasks.causal(manager, 3);
            assertEquals(new Shape(1, 1, 3, 3), mask.getShape());
            assertArrayEquals(new float[] {0, M, M, 0, 0, M, 0, 0, 0}, mask.toFloatArray());
        }
    }
}
