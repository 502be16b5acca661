package org.delta4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/**
 * {@link Functional#onParameter} gives results to the forward pass's manager and never moves the
 * parameter.
 */
class FunctionalOnParameterTest {
    private static final float[] W = {1f, 2f, 3f, 4f, 5f, 6f};

    @Test
    void theResultBelongsToTheCallerAndTheModelsManagerKeepsOnlyItsParameter() {
        try (NDManager model = NDManager.newBaseManager();
                NDManager request = NDManager.newBaseManager()) {
            NDArray w = model.create(W, new Shape(2, 3));
            NDArray x = request.create(new float[] {1f, 1f}, new Shape(1, 2));
            NDArray t = Functional.onParameter(w, NDArray::transpose, x);
            assertSame(request, t.getManager());
            assertEquals(1, model.getManagedArrays().size());
            assertArrayEquals(new float[] {1f, 4f, 2f, 5f, 3f, 6f}, t.toFloatArray());
        }
    }

    @Test
    void anOperationThatReturnsTheParameterItselfGivesTheCallerAViewAndLeavesTheParameterInPlace() {
        try (NDManager model = NDManager.newBaseManager()) {
            NDArray w = model.create(W, new Shape(2, 3));
            try (NDManager request = NDManager.newBaseManager()) {
                NDArray x = request.zeros(new Shape(1));
                // DJL's toType to the array's own type returns the array itself.
                NDArray same = Functional.onParameter(w, a -> a.toType(DataType.FLOAT32, false), x);
                assertNotSame(w, same);
                assertSame(request, same.getManager());
                assertSame(model, w.getManager());
                assertArrayEquals(W, same.toFloatArray());
            }
            assertFalse(w.isReleased());
            assertArrayEquals(W, w.toFloatArray());
        }
    }

    @Test
    void gradientsFlowThroughTheMovedResultToTheParameter() {
        try (NDManager model = NDManager.newBaseManager();
                NDManager request = NDManager.newBaseManager()) {
            NDArray w = model.create(W, new Shape(2, 3));
            w.setRequiresGradient(true);
            NDArray x = request.create(new float[] {1f, 10f}, new Shape(1, 2));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray view = Functional.onParameter(w, a -> a.toType(DataType.FLOAT32, false), x);
                collector.backward(x.matMul(view).sum());
            }
            assertArrayEquals(
                    new float[] {1f, 1f, 1f, 10f, 10f, 10f}, w.getGradient().toFloatArray());
        }
    }
}
