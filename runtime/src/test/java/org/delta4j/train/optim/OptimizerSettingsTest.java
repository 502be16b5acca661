package org.delta4j.train.optim;

import static org.delta4j.train.optim.LrScheduleTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HF's defaults, copies with one field changed, and every field checked by name. */
class OptimizerSettingsTest {

    @Test
    void theDefaultsAreTrainingArguments() {
        assertEquals(
                new OptimizerSettings(OptimizerType.ADAMW, 5e-5, 0.9, 0.999, 1e-8, 0.0, 0.0),
                OptimizerSettings.defaults());
    }

    @Test
    void eachWitherChangesItsFieldOnly() {
        OptimizerSettings s =
                OptimizerSettings.defaults()
                        .withType(OptimizerType.SGD)
                        .withLearningRate(0.1)
                        .withBeta1(0.8)
                        .withBeta2(0.99)
                        .withEpsilon(1e-6)
                        .withWeightDecay(0.01)
                        .withMomentum(0.9);
        assertEquals(new OptimizerSettings(OptimizerType.SGD, 0.1, 0.8, 0.99, 1e-6, 0.01, 0.9), s);
    }

    @Test
    void aFieldOutOfRangeIsNamedWithItsValueAndRange() {
        OptimizerSettings d = OptimizerSettings.defaults();
        assertMessage(
                "OptimizerSettings.learningRate is -1.0: expected a finite number >= 0; set"
                        + " learningRate to a value in that range",
                () -> d.withLearningRate(-1));
        assertMessage(
                "OptimizerSettings.beta1 is 1.0: expected a number in [0, 1); set beta1 to a value"
                        + " in that range",
                () -> d.withBeta1(1));
        assertMessage(
                "OptimizerSettings.beta2 is NaN: expected a number in [0, 1); set beta2 to a value"
                        + " in that range",
                () -> d.withBeta2(Double.NaN));
        assertMessage(
                "OptimizerSettings.epsilon is -1.0E-8: expected a finite number >= 0; set epsilon"
                        + " to a value in that range",
                () -> d.withEpsilon(-1e-8));
        assertMessage(
                "OptimizerSettings.weightDecay is Infinity: expected a finite number >= 0; set"
                        + " weightDecay to a value in that range",
                () -> d.withWeightDecay(Double.POSITIVE_INFINITY));
        assertMessage(
                "OptimizerSettings.momentum is -0.5: expected a finite number >= 0; set momentum"
                        + " to a value in that range",
                () -> d.withMomentum(-0.5));
        assertMessage(
                "OptimizerSettings.type is null: expected one of adamw|adam|sgd",
                () -> d.withType(null));
    }

    @Test
    void typesParseByNameAndUnknownOnesAreNamed() {
        assertEquals(OptimizerType.ADAMW, OptimizerType.parse("AdamW"));
        assertEquals(OptimizerType.SGD, OptimizerType.parse("sgd"));
        assertMessage(
                "optimizer 'lion' is not known: use one of adamw|adam|sgd",
                () -> OptimizerType.parse("lion"));
    }

    @Test
    void parametersThatCannotBeOptimizedAreNamed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter half =
                    Parameter.builder().setName("h").setType(Parameter.Type.WEIGHT).build();
            half.setArray(manager.zeros(new Shape(2), DataType.FLOAT64));
            assertMessage(
                    "parameter 'h' is float64: expected float32; convert the model to float32 to"
                            + " train it",
                    () ->
                            Optimizer.create(
                                    OptimizerSettings.defaults(), Map.of("h", half), manager));
            Parameter empty =
                    Parameter.builder().setName("e").setType(Parameter.Type.WEIGHT).build();
            assertMessage(
                    "parameter 'e' is not initialized: initialize or load the model before"
                            + " optimizing it",
                    () ->
                            Optimizer.create(
                                    OptimizerSettings.defaults(), Map.of("e", empty), manager));
            assertMessage(
                    "parameter name 'a:b' cannot name optimizer state: use the module path, which"
                            + " is non-empty and has no ':'",
                    () ->
                            Optimizer.create(
                                    OptimizerSettings.defaults(),
                                    TrainableValues.byName(
                                            TrainableValues.parameter(manager, "a:b", 1f, 2f)),
                                    manager));
        }
    }
}
