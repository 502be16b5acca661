package org.delta4j.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The global norm and clipping as {@code clip_grad_norm_}: gradients without a value are left out,
 * clipping scales by the coefficient in float32 and leaves gradients as they were when the norm is
 * under the limit.
 */
class GradientsTest {
    // Gradients with norms 5 (3, 4) and 12 (12, 0): global norm 13.
    private static final float[] A = {3f, 4f};
    private static final float[] B = {12f, 0f, 0f, 0f};

    @Test
    void theGlobalNormIsTheNormOfTheNormsAndSkipsUndefinedGradients() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Parameter> parameters = withGradients(manager);
            assertEquals(13f, Gradients.globalNorm(parameters));
        }
    }

    @Test
    void clippingThatBitesScalesEveryGradientByTheFloat32Coefficient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Parameter> parameters = withGradients(manager);
            assertEquals(13f, Gradients.clip(parameters, 6.5));
            float coefficient = (1f / (13f + 1e-6f)) * 6.5f;
            assertTrue(coefficient < 0.5f && coefficient > 0.49999f);
            assertArrayEquals(
                    new float[] {3f * coefficient, 4f * coefficient}, gradient(parameters.get(0)));
            assertArrayEquals(
                    new float[] {12f * coefficient, 0f, 0f, 0f}, gradient(parameters.get(1)));
            assertEquals(6.5f, Gradients.globalNorm(parameters), 1e-5f);
        }
    }

    @Test
    void clippingThatDoesNotBiteLeavesTheGradientsAsTheyWere() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Parameter> parameters = withGradients(manager);
            assertEquals(13f, Gradients.clip(parameters, 13.5));
            assertArrayEquals(A, gradient(parameters.get(0)));
            assertArrayEquals(B, gradient(parameters.get(1)));
        }
    }

    @Test
    void zeroingKeepsGradientsDefinedAndUndefinedOnesUndefined() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Parameter> parameters = withGradients(manager);
            Gradients.zero(parameters);
            assertArrayEquals(new float[2], gradient(parameters.get(0)));
            assertEquals(0f, Gradients.globalNorm(parameters));
            assertEquals(null, JniUtils.getGradient((PtNDArray) parameters.get(2).getArray()));
        }
    }

    @Test
    void aMaxNormOfZeroOrLessIsRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Gradients.clip(List.of(), 0));
        assertTrue(e.getMessage().startsWith("max grad norm 0.0: expected a finite number > 0"));
    }

    /** a and b with gradients A and B, c with none. */
    private static List<Parameter> withGradients(NDManager manager) {
        Parameter a = TrainableValues.parameter(manager, "a", 1f, 1f);
        Parameter b = TrainableValues.parameter(manager, "b", 1f, 1f, 1f, 1f);
        Parameter c = TrainableValues.parameter(manager, "c", 1f, 1f);
        Map<Parameter, float[]> gradients = new LinkedHashMap<>();
        gradients.put(a, A);
        gradients.put(b, B);
        TrainableValues.backward(gradients);
        return List.of(a, b, c);
    }

    private static float[] gradient(Parameter parameter) {
        try (PtNDArray gradient = JniUtils.getGradient((PtNDArray) parameter.getArray())) {
            return gradient.toFloatArray();
        }
    }
}
