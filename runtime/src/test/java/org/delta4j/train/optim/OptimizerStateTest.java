package org.delta4j.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Saved state resumes a run bit for bit, and state that does not fit is refused whole, naming the
 * entry, with the optimizer's own state left as it was.
 */
class OptimizerStateTest {
    private static final int STEPS = 3;

    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void aResumedOptimizerGivesTheNumbersOfAnUninterruptedOne(OptimizerType type) {
        OptimizerSettings settings =
                OptimizerSettings.defaults().withType(type).withWeightDecay(0.01).withMomentum(0.9);
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] start = OptimizerStepTest.floats(new Random(1), 6);
            Parameter straight = TrainableValues.parameter(manager, "w", start);
            Parameter resumed = TrainableValues.parameter(manager, "w", start);
            Map<String, NDArray> saved = new LinkedHashMap<>();
            try (Optimizer first =
                            Optimizer.create(settings, TrainableValues.byName(straight), manager);
                    NDManager file = NDManager.newBaseManager()) {
                run(first, straight, new Random(2), 0);
                first.state().forEach((name, array) -> saved.put(name, copy(array, file)));
                float[] atSave = straight.getArray().toFloatArray();
                run(first, straight, new Random(3), STEPS);
                resumed.getArray().set(atSave);
                try (Optimizer second =
                        Optimizer.create(settings, TrainableValues.byName(resumed), manager)) {
                    second.loadState(saved);
                    run(second, resumed, new Random(3), STEPS);
                }
            }
            assertArrayEquals(
                    straight.getArray().toFloatArray(), resumed.getArray().toFloatArray());
        }
    }

    @ParameterizedTest
    @EnumSource(BadState.class)
    void stateThatDoesNotFitIsRefusedAndNothingChanges(BadState bad) {
        try (NDManager manager = NDManager.newBaseManager();
                NDManager file = NDManager.newBaseManager()) {
            Parameter w = TrainableValues.parameter(manager, "w", 1f, 2f, 3f, 4f);
            try (Optimizer optimizer =
                    Optimizer.create(
                            OptimizerSettings.defaults(), TrainableValues.byName(w), manager)) {
                run(optimizer, w, new Random(4), 0);
                Map<String, NDArray> state = new LinkedHashMap<>();
                optimizer.state().forEach((name, array) -> state.put(name, copy(array, file)));
                float[] before = optimizer.state().get("w:exp_avg").toFloatArray();
                state.put("w:exp_avg", file.create(new float[] {9f, 9f, 9f, 9f}, new Shape(2, 2)));
                bad.spoil.accept(state);
                OptimizerStateException e =
                        assertThrows(
                                OptimizerStateException.class, () -> optimizer.loadState(state));
                assertTrue(e.getMessage().contains(bad.named), e.getMessage());
                assertArrayEquals(before, optimizer.state().get("w:exp_avg").toFloatArray());
                assertEquals(STEPS, optimizer.state().get("w:step").getLong());
            }
        }
    }

    /** Ways saved state can fail to fit, and what the message must name. */
    enum BadState {
        UNKNOWN_PARAMETER("v:exp_avg", s -> s.put("v:exp_avg", s.get("w:exp_avg"))),
        UNKNOWN_FIELD("w:momentum_buffer", s -> s.put("w:momentum_buffer", s.get("w:exp_avg"))),
        MISSING_FIELD("w:exp_avg_sq", s -> s.remove("w:exp_avg_sq")),
        MISSING_STEP("w:step", s -> s.remove("w:step")),
        WRONG_SHAPE(
                "(4)",
                s -> s.put("w:exp_avg_sq", s.get("w:exp_avg_sq").getManager().zeros(new Shape(4)))),
        ZERO_STEP("w:step", s -> s.put("w:step", s.get("w:step").getManager().create(0L)));

        final String named;
        final Consumer<Map<String, NDArray>> spoil;

        BadState(String named, Consumer<Map<String, NDArray>> spoil) {
            this.named = named;
            this.spoil = spoil;
        }
    }

    /** {@link #STEPS} steps with random gradients, zeroed after each as a loop zeroes them. */
    private static void run(Optimizer optimizer, Parameter parameter, Random random, int from) {
        for (int step = from; step < from + STEPS; step++) {
            float[] g = OptimizerStepTest.floats(random, (int) parameter.getArray().size());
            TrainableValues.backward(Map.of(parameter, g));
            optimizer.step(1e-2 * (step + 1));
            Gradients.zero(List.of(parameter));
        }
    }

    private static NDArray copy(NDArray array, NDManager into) {
        NDArray copy = array.duplicate();
        copy.attach(into);
        return copy;
    }
}
