package org.delta4j.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Steps, clipping, norms and state reads allocate nothing that outlives them: after the first step
 * (which creates the state) the number of live arrays, in the parameters' manager and in the
 * optimizer's, stays the same over 50 more steps.
 */
class OptimizerMemoryTest {
    private static final int STEPS = 50;

    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void fiftyStepsLeaveTheNumberOfLiveArraysAsItWas(OptimizerType type) {
        OptimizerSettings settings =
                OptimizerSettings.defaults().withType(type).withWeightDecay(0.01).withMomentum(0.9);
        try (NDManager model = NDManager.newBaseManager();
                NDManager state = NDManager.newBaseManager()) {
            Parameter trained = TrainableValues.parameter(model, "trained", 1f, 2f, 3f, 4f);
            Parameter unreached = TrainableValues.parameter(model, "unreached", 1f, 2f);
            List<Parameter> both = List.of(trained, unreached);
            try (Optimizer optimizer =
                    Optimizer.create(settings, TrainableValues.byName(trained, unreached), state)) {
                step(optimizer, trained, both);
                int modelArrays = model.getManagedArrays().size();
                int stateArrays = state.getManagedArrays().size();
                for (int i = 0; i < STEPS; i++) {
                    step(optimizer, trained, both);
                }
                assertEquals(modelArrays, model.getManagedArrays().size(), "model's manager");
                assertEquals(stateArrays, state.getManagedArrays().size(), "optimizer's manager");
            }
            assertEquals(0, state.getManagedArrays().size(), "after close");
        }
    }

    private static void step(Optimizer optimizer, Parameter trained, List<Parameter> both) {
        TrainableValues.backward(Map.of(trained, new float[] {0.1f, -0.2f, 0.3f, 0f}));
        Gradients.clip(both, 0.1);
        Gradients.globalNorm(both);
        optimizer.step(1e-3);
        optimizer.state();
        Gradients.zero(both);
    }
}
