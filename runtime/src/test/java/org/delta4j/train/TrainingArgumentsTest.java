package org.delta4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.delta4j.testing.TinyNet;
import org.delta4j.train.optim.OptimizerType;
import org.delta4j.train.optim.ScheduleType;
import org.delta4j.train.task.Task;
import org.junit.jupiter.api.Test;

/** HF's defaults, the step arithmetic, and a message naming each bad argument. */
class TrainingArgumentsTest {
    @Test
    void defaultsAreHfs() {
        TrainingArguments a = TrainingArguments.builder().build();
        assertEquals(8, a.batchSize());
        assertEquals(OptimizerType.ADAMW, a.optimizer().type());
        assertEquals(5e-5, a.optimizer().learningRate());
        assertEquals(0.9, a.optimizer().beta1());
        assertEquals(0.999, a.optimizer().beta2());
        assertEquals(1e-8, a.optimizer().epsilon());
        assertEquals(0.0, a.optimizer().weightDecay());
        assertEquals(1.0, a.maxGradNorm());
        assertEquals(1, a.gradientAccumulationSteps());
        assertEquals(3, a.numTrainEpochs());
        assertEquals(-1, a.maxSteps());
        assertEquals(0, a.warmupSteps());
        assertEquals(ScheduleType.LINEAR, a.lrSchedulerType());
        assertEquals(42, a.seed());
        assertTrue(a.shuffle());
        assertEquals(a.asMap(), a.toBuilder().build().asMap());
    }

    @Test
    void stepsCountAShortLastGroupAndMaxStepsWins() {
        TrainingArguments a =
                TrainingArguments.builder().gradientAccumulationSteps(4).numTrainEpochs(2).build();
        assertEquals(3, a.stepsPerEpoch(10));
        assertEquals(6, a.totalSteps(10));
        assertEquals(7, a.toBuilder().maxSteps(7).build().totalSteps(10));
    }

    @Test
    void badValuesAreRefusedNamingTheArgumentAndTheValue() {
        refused(b -> b.batchSize(0), "batch_size", "0");
        refused(b -> b.maxGradNorm(-1), "max_grad_norm", "-1");
        refused(b -> b.maxGradNorm(Double.NaN), "max_grad_norm", "NaN");
        refused(b -> b.gradientAccumulationSteps(0), "gradient_accumulation_steps", "0");
        refused(b -> b.numTrainEpochs(0), "num_train_epochs", "0");
        refused(b -> b.maxSteps(0), "max_steps", "0");
        refused(b -> b.warmupSteps(-2), "warmup_steps", "-2");
        refused(b -> b.evalSteps(-1), "eval_steps", "-1");
        refused(b -> b.saveSteps(-1), "save_steps", "-1");
        refused(b -> b.lrSchedulerType(null), "lr_scheduler_type", "null");
        refused(b -> b.learningRate(-1), "learning", "-1");
    }

    @Test
    void aTrainerNeedsBatchesAHeadAndASaverForItsOutput() {
        TinyNet net = new TinyNet();
        IllegalArgumentException headless =
                assertThrows(IllegalArgumentException.class, () -> Task.of(net));
        assertTrue(headless.getMessage().contains("no head"), headless.getMessage());
        IllegalArgumentException noData =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Trainer.builder(net, TrainingArguments.builder().build()).build());
        assertTrue(noData.getMessage().contains("training batches"), noData.getMessage());
    }

    private static void refused(
            UnaryOperator<TrainingArguments.Builder> change, String name, String value) {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> change.apply(TrainingArguments.builder()).build());
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }
}
