package org.delta4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class HfActivationTest {
    @Test
    void namesGiveHfClasses() {
        assertEquals("GELUActivation", HfActivation.forName("gelu").getClass().getSimpleName());
        assertEquals("ReLU", HfActivation.forName("relu").getClass().getSimpleName());
        assertEquals("SiLU", HfActivation.forName("swish").getClass().getSimpleName());
        assertEquals("Tanh", HfActivation.forName("tanh").getClass().getSimpleName());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> HfActivation.forName("mish"));
        assertTrue(
                e.getMessage().contains("mish") && e.getMessage().contains("gelu"), e.getMessage());
    }

    @Test
    void geluIsTheExactErfForm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {-1f, 0.5f, 2f});
            NDArray y =
                    HfActivation.forName("gelu")
                            .forward(new ParameterStore(manager, false), new NDList(x), false)
                            .head();
            // 0.5 x (1 + erf(x / sqrt 2)), from the standard normal CDF at -1, 0.5 and 2.
            assertArrayEquals(
                    new float[] {-0.15865526f, 0.34573123f, 1.9544997f}, y.toFloatArray(), 1e-6f);
        }
    }
}
