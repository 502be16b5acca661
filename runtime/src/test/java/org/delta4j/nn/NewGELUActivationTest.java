package org.delta4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** {@code gelu_new} is HF's NewGELUActivation module, with HF's tanh formula. */
class NewGELUActivationTest {
    @Test
    void geluNewIsTheTanhApproximation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            HfActivation act = HfActivation.forName("gelu_new");
            assertEquals("NewGELUActivation", act.getClass().getSimpleName());
            float[] x = {-3f, -1f, 0f, 0.5f, 2f};
            NDArray y =
                    act.forward(
                                    new ParameterStore(manager, false),
                                    new NDList(manager.create(x)),
                                    false)
                            .head();
            float[] expected = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                double v = x[i];
                expected[i] =
                        (float)
                                (0.5
                                        * v
                                        * (1
                                                + Math.tanh(
                                                        Math.sqrt(2 / Math.PI)
                                                                * (v + 0.044715 * v * v * v))));
            }
            assertArrayEquals(expected, y.toFloatArray(), 1e-6f);
        }
    }
}
