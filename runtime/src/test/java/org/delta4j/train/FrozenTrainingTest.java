package org.delta4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.testing.Arrays2;
import org.delta4j.testing.TinyNet;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Freezing holds through DJL's Trainer, including DJL's unfreezing of loaded models. */
class FrozenTrainingTest {
    @TempDir Path dir;

    @Test
    void frozenParametersStayBitIdenticalAndDeltasTrain() throws Exception {
        trainAndCheck(false);
    }

    @Test
    void freezeGuardUndoesDjlUnfreezingALoadedModel() throws Exception {
        trainAndCheck(true);
    }

    @Test
    void scopedStepsLeaveNoArraysBehind() {
        Shape input = new Shape(4, 3, TinyNet.WIDTH);
        try (Model model = Model.newInstance("tiny")) {
            TinyNet net = new TinyNet();
            model.setBlock(net);
            net.initialize(model.getNDManager(), model.getDataType(), input);
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(new MeanSquaredError())
                            .optOptimizer(Optimizer.adam().build());
            try (Trainer trainer = model.newTrainer(config)) {
                NDManager m = trainer.getManager();
                int[] live = new int[8];
                for (int i = 0; i < live.length; i++) {
                    ScopedStep.run(
                            trainer,
                            new NDList(m.randomNormal(input)),
                            new NDList(m.randomNormal(new Shape(4, 3, 3))));
                    live[i] = model.getNDManager().getManagedArrays().size();
                }
                // The first steps create the optimiser's state; after that every step frees all it
                // made.
                assertEquals(live[2], live[7], Arrays.toString(live));
            }
        }
    }

    private void trainAndCheck(boolean loaded) throws Exception {
        Shape input = new Shape(4, 3, TinyNet.WIDTH);
        try (Model model = Model.newInstance("tiny")) {
            TinyNet net = new TinyNet();
            model.setBlock(net);
            net.initialize(model.getNDManager(), model.getDataType(), input);
            if (loaded) {
                model.save(dir, "tiny");
                model.load(dir, "tiny");
                assertTrue(Files.exists(dir.resolve("tiny-0000.params")));
            }
            Tuning tuning =
                    TuningSpec.builder()
                            .add(AdapterSpec.builder().modules("fc2").bottleneck(4).build())
                            .add(LoraSpec.builder().modules("fc1").r(2).build())
                            .freeze(FreezeSpec.builder().build())
                            .build()
                            .attach(net);
            Map<String, Parameter> frozen =
                    new java.util.LinkedHashMap<>(ModuleTree.of(net).parameters());
            Map<String, Parameter> deltas = tuning.deltaParameters();
            frozen.keySet().removeAll(deltas.keySet());
            Map<String, float[]> frozenBefore = Arrays2.snapshot(frozen);
            Map<String, float[]> deltasBefore = Arrays2.snapshot(deltas);

            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(new MeanSquaredError())
                            .optOptimizer(
                                    Optimizer.adam()
                                            .optLearningRateTracker(Tracker.fixed(0.05f))
                                            .build())
                            .addTrainingListeners(tuning.freezeGuard());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(input);
                NDManager m = trainer.getManager();
                for (int i = 0; i < 5; i++) {
                    ScopedStep.run(
                            trainer,
                            new NDList(m.randomNormal(input)),
                            new NDList(m.randomNormal(new Shape(4, 3, 3))));
                }
            }
            frozen.forEach(
                    (k, p) -> {
                        assertFalse(p.requiresGradient(), k);
                        assertArrayEquals(frozenBefore.get(k), p.getArray().toFloatArray(), k);
                    });
            deltas.forEach(
                    (k, p) -> {
                        assertTrue(p.requiresGradient(), k);
                        assertFalse(
                                Arrays.equals(deltasBefore.get(k), p.getArray().toFloatArray()),
                                k + " did not train");
                    });
        }
    }

    /**
     * Mean squared error from native ops only (DJL's L2Loss multiplies by a Java-held scalar; see
     * Functional.times).
     */
    private static final class MeanSquaredError extends Loss {
        MeanSquaredError() {
            super("MeanSquaredError");
        }

        @Override
        public ai.djl.ndarray.NDArray evaluate(NDList labels, NDList predictions) {
            ai.djl.ndarray.NDArray d = predictions.head().sub(labels.head());
            return d.mul(d).mean();
        }
    }
}
