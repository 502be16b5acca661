package org.delta4j.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each optimizer against its double-precision reference over several steps with changing learning
 * rates (the first 0, as a warmup gives it): a parameter with random gradients, one whose gradient
 * is all zeros (updated: decayed by AdamW, moved by L2 in Adam and SGD) and one backward never
 * reaches (skipped, no state).
 */
class OptimizerStepTest {
    private static final double[] LEARNING_RATES = {0.0, 0.05, 0.1, 0.08, 0.06};
    private static final float TOLERANCE = 2e-6f;

    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void everyOptimizerFollowsPyTorchsFormulas(OptimizerType type) {
        OptimizerSettings settings =
                OptimizerSettings.defaults()
                        .withType(type)
                        .withWeightDecay(0.1)
                        // Large enough that its placement (after the bias correction) shows.
                        .withEpsilon(1e-3)
                        .withMomentum(type == OptimizerType.SGD ? 0.9 : 0.0);
        Random random = new Random(7);
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter trained = TrainableValues.parameter(manager, "trained", floats(random, 6));
            Parameter zeroGradient = TrainableValues.parameter(manager, "zero", floats(random, 4));
            Parameter unreached = TrainableValues.parameter(manager, "unreached", 1f, 2f);
            double[] unreachedBefore = TrainableValues.values(unreached);
            ReferenceOptimizer trainedReference =
                    new ReferenceOptimizer(settings, TrainableValues.values(trained));
            ReferenceOptimizer zeroReference =
                    new ReferenceOptimizer(settings, TrainableValues.values(zeroGradient));
            try (Optimizer optimizer =
                    Optimizer.create(
                            settings,
                            TrainableValues.byName(trained, zeroGradient, unreached),
                            manager)) {
                for (double lr : LEARNING_RATES) {
                    float[] g = floats(random, 6);
                    Map<Parameter, float[]> gradients = new LinkedHashMap<>();
                    gradients.put(trained, g);
                    gradients.put(zeroGradient, new float[4]);
                    TrainableValues.backward(gradients);
                    optimizer.step(lr);
                    if (type == OptimizerType.SGD) {
                        // Adam and AdamW use the gradient as scratch space (Optimizer.step).
                        assertArrayEquals(g, gradientOf(trained), "SGD leaves the gradient");
                    }
                    Gradients.zero(List.of(trained, zeroGradient, unreached));
                    trainedReference.step(doubles(g), lr);
                    zeroReference.step(new double[4], lr);
                    assertClose(trainedReference.value(), trained, "trained, lr " + lr);
                    assertClose(zeroReference.value(), zeroGradient, "zero gradient, lr " + lr);
                }
                assertArrayEquals(unreachedBefore, TrainableValues.values(unreached));
                Map<String, NDArray> state = optimizer.state();
                assertEquals(
                        type == OptimizerType.SGD
                                ? List.of(
                                        "trained:step",
                                        "trained:momentum_buffer",
                                        "zero:step",
                                        "zero:momentum_buffer")
                                : List.of(
                                        "trained:step",
                                        "trained:exp_avg",
                                        "trained:exp_avg_sq",
                                        "zero:step",
                                        "zero:exp_avg",
                                        "zero:exp_avg_sq"),
                        List.copyOf(state.keySet()));
                assertEquals(LEARNING_RATES.length, state.get("trained:step").getLong());
            }
        }
    }

    @Test
    void adamWDecaysAParameterWhoseGradientIsZeroByExactlyOneMinusLrTimesDecay() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter p = TrainableValues.parameter(manager, "p", 1f, -2f, 3f, 0.5f);
            OptimizerSettings settings = OptimizerSettings.defaults().withWeightDecay(0.01);
            try (Optimizer optimizer =
                    Optimizer.create(settings, TrainableValues.byName(p), manager)) {
                TrainableValues.backward(Map.of(p, new float[4]));
                optimizer.step(1e-3);
            }
            float keep = (float) (1 - 1e-3 * 0.01);
            assertArrayEquals(
                    new float[] {keep, -2f * keep, 3f * keep, 0.5f * keep},
                    p.getArray().toFloatArray());
        }
    }

    @Test
    void sgdWithoutMomentumKeepsOnlyTheStepCount() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter p = TrainableValues.parameter(manager, "p", 1f, 2f);
            OptimizerSettings settings = OptimizerSettings.defaults().withType(OptimizerType.SGD);
            try (Optimizer optimizer =
                    Optimizer.create(settings, TrainableValues.byName(p), manager)) {
                TrainableValues.backward(Map.of(p, new float[] {0.5f, -1f}));
                optimizer.step(0.5);
                assertEquals(List.of("p:step"), List.copyOf(optimizer.state().keySet()));
            }
            assertArrayEquals(new float[] {0.75f, 2.5f}, p.getArray().toFloatArray());
        }
    }

    static float[] floats(Random random, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (random.nextGaussian());
        }
        return out;
    }

    private static double[] doubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static float[] gradientOf(Parameter parameter) {
        try (PtNDArray gradient = JniUtils.getGradient((PtNDArray) parameter.getArray())) {
            return gradient.toFloatArray();
        }
    }

    private static void assertClose(double[] want, Parameter parameter, String what) {
        double[] got = TrainableValues.values(parameter);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], TOLERANCE, what + " at " + i);
        }
    }
}
