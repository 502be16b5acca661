package org.delta4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** T5LayerNorm scales by the root mean square, without centring and without a bias. */
class T5LayerNormTest {
    @Test
    void normalisesByTheRootMeanSquare() {
        try (NDManager manager = NDManager.newBaseManager()) {
            T5LayerNorm norm = new T5LayerNorm(2, 1e-6f, 0.5f);
            norm.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            assertEquals(1, norm.getParameters().size());
            assertEquals(2, norm.hiddenSize());
            NDArray x = manager.create(new float[] {3, 4, -1, 1}, new Shape(2, 2));
            NDArray y =
                    norm.forward(new ParameterStore(manager, false), new NDList(x), false).head();
            // rms([3, 4]) = sqrt(12.5), rms([-1, 1]) = 1; the weight starts at 0.5.
            float r = (float) Math.sqrt(12.5 + 1e-6);
            float one = (float) Math.sqrt(1 + 1e-6);
            assertArrayEquals(
                    new float[] {0.5f * 3 / r, 0.5f * 4 / r, -0.5f / one, 0.5f / one},
                    y.toFloatArray(),
                    1e-6f);
        }
    }
}
