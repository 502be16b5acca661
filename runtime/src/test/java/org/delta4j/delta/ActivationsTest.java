package org.delta4j.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.delta4j.delta.adapter.Activations;
import org.delta4j.spec.ArgumentRules;
import org.junit.jupiter.api.Test;

/** Every non-linearity the compiler accepts is implemented, with HF's formulas. */
class ActivationsTest {
    private static final float[] X = {-3f, -1f, -0.5f, 0f, 0.5f, 1f, 3f};

    @Test
    void everyCheckedNameComputesItsFormula() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (String name : ArgumentRules.NON_LINEARITIES) {
                NDArray y =
                        new Activations(name)
                                .forward(
                                        new ParameterStore(m, false),
                                        new NDList(m.create(X)),
                                        false)
                                .head();
                float[] got = y.toFloatArray();
                for (int i = 0; i < X.length; i++) {
                    assertEquals(expected(name, X[i]), got[i], 1e-5, name + "(" + X[i] + ")");
                }
            }
        }
    }

    private static double expected(String name, double x) {
        switch (name) {
            case "gelu_new":
                return 0.5
                        * x
                        * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            case "gelu":
            case "gelu_orig":
                return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
            case "relu":
                return Math.max(0, x);
            case "tanh":
                return Math.tanh(x);
            case "swish":
                return x / (1 + Math.exp(-x));
            case "leakyrelu":
                return x >= 0 ? x : 0.01 * x;
            default:
                throw new AssertionError("no reference for " + name);
        }
    }

    /** Abramowitz-Stegun 7.1.26 is too coarse for 1e-5; integrate the series instead. */
    private static double erf(double z) {
        double sum = 0;
        double term = z;
        for (int n = 0; n < 60; n++) {
            sum += term / (2 * n + 1);
            term *= -z * z / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }
}
