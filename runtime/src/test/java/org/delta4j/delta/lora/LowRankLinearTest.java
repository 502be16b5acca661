package org.delta4j.delta.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.function.UnaryOperator;
import org.delta4j.nn.ParameterValues;
import org.delta4j.testing.Arrays2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LoRA's update beside one linear layer: its value, what it leaves in the pass's memory, and the
 * gradients that reach A and B through the arrays it frees as it goes.
 */
class LowRankLinearTest {
    private static final int IN = 6;
    private static final int OUT = 5;
    private static final int R = 2;
    private static final float SCALING = 3f / R;
    private static final float TOLERANCE = 1e-5f;

    private NDManager manager;
    private LowRankLinear lora;
    private NDArray a;
    private NDArray b;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        manager.getEngine().setRandomSeed(11);
        Parameter weight =
                Parameter.builder()
                        .setName("weight")
                        .setType(Parameter.Type.WEIGHT)
                        .optShape(new Shape(OUT, IN))
                        .build();
        lora =
                new LowRankLinear(
                        IN,
                        OUT,
                        LoraSpec.builder().r(R).alpha(3).build(),
                        new LinearWeight(weight, false));
        lora.initialize(manager, DataType.FLOAT32, new Shape(IN));
        for (Parameter p : lora.getParameters().values()) {
            ParameterValues.assign(p, manager.randomNormal(p.getShape()));
        }
        a = lora.getParameters().get("lora_A").getArray();
        b = lora.getParameters().get("lora_B").getArray();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void inferenceAddsTheUpdateInPlaceAndLeavesNothingElse() {
        try (NDManager pass = manager.newSubManager()) {
            Step step = Step.in(pass, this::update);

            NDArray result = step.run(lora, false);

            assertSame(step.out(), result, "the module's output takes the update");
            Arrays2.assertClose(step.expected(), result.toFloatArray(), TOLERANCE, "output");
            assertEquals(step.arrays(), pass.getManagedArrays().size(), "arrays left in the pass");
        }
    }

    @Test
    void trainingLeavesOnlyTheSumAndTheGradientsReachAAndB() {
        try (NDManager pass = manager.newSubManager()) {
            Step step = Step.in(pass, this::update);
            a.setRequiresGradient(true);
            b.setRequiresGradient(true);
            NDArray sum;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                sum = step.run(lora, true);
                assertEquals(step.arrays() + 1, pass.getManagedArrays().size(), "arrays left");
                collector.backward(sum.sum());
            }
            Arrays2.assertClose(step.expected(), sum.toFloatArray(), TOLERANCE, "output");
            // d sum / dB[o, k] = s * sum_t (x A^T)[t, k]; d sum / dA[k, i] = s * sum_o B[o, k] *
            // sum_t x[t, i].
            NDArray tokens = step.x().reshape(-1, IN);
            NDArray downSum = tokens.matMul(a.transpose()).sum(new int[] {0}).mul(SCALING);
            NDArray gradB = downSum.reshape(1, R).repeat(0, OUT);
            NDArray gradA =
                    b.sum(new int[] {0})
                            .reshape(R, 1)
                            .matMul(tokens.sum(new int[] {0}).reshape(1, IN))
                            .mul(SCALING);
            Arrays2.assertClose(
                    gradB.toFloatArray(), b.getGradient().toFloatArray(), TOLERANCE, "grad B");
            Arrays2.assertClose(
                    gradA.toFloatArray(), a.getGradient().toFloatArray(), TOLERANCE, "grad A");
        }
    }

    /**
     * One call of LoRA's hook on random arrays.
     *
     * @param pass the pass's manager
     * @param x the module's input
     * @param out the module's output, before LoRA adds to it
     * @param expected the output with LoRA's update added
     * @param arrays the arrays in the pass's manager before the call
     */
    private record Step(NDManager pass, NDArray x, NDArray out, float[] expected, int arrays) {
        static Step in(NDManager pass, UnaryOperator<NDArray> update) {
            NDArray x = pass.randomNormal(new Shape(2, 3, IN));
            NDArray out = pass.randomNormal(new Shape(2, 3, OUT));
            float[] expected = out.add(update.apply(x)).toFloatArray();
            return new Step(pass, x, out, expected, pass.getManagedArrays().size());
        }

        NDArray run(LowRankLinear lora, boolean training) {
            return lora.after(
                            new ParameterStore(pass, false),
                            new NDList(out),
                            new NDList(x),
                            training)
                    .head();
        }
    }

    private NDArray update(NDArray x) {
        return x.matMul(a.transpose()).matMul(b.transpose()).mul(SCALING);
    }
}
