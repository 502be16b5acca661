package org.delta4j.examples.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.models.bert.BertModel;
import org.delta4j.train.ScopedStep;

/**
 * One training step with DJL's trainer and Adam (lr 1e-3): forward in training mode (dropout on),
 * the {@link SquaredOutputLoss}, backward, optimiser update, and the freeing of the step's arrays
 * ({@link ScopedStep}). Either full fine-tuning (every weight trains) or LoRA (r 8, alpha 16 on
 * {@code query} and {@code value}, the backbone frozen). For diagnosis the update can be left out:
 * then a run is forward, loss and backward only, and gradients accumulate from run to run (as in
 * {@code bench/encoder_bench.py}).
 */
final class TrainStepCase implements BenchCase {
    /** The learning rate, as in {@code bench/encoder_bench.py}. */
    static final float LEARNING_RATE = 1e-3f;

    private final Model model;
    private final Trainer trainer;
    private final NDList inputs;
    private final NDList noLabels = new NDList();
    private final boolean update;

    /**
     * @param setup the model and input shape
     * @param lora LoRA with a frozen backbone, or full fine-tuning
     * @param update whether a run ends with the optimiser update
     */
    TrainStepCase(EncoderSetup setup, boolean lora, boolean update) {
        this.update = update;
        model = Model.newInstance(lora ? "bench-train-lora" : "bench-train-full");
        BertModel bert = setup.newModel(model.getNDManager());
        model.setBlock(bert);
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(new SquaredOutputLoss())
                        .optOptimizer(
                                Optimizer.adam()
                                        .optLearningRateTracker(Tracker.fixed(LEARNING_RATE))
                                        .build());
        if (lora) {
            Tuning tuning =
                    TuningSpec.builder()
                            .add(LoraSpec.builder().modules("query", "value").build())
                            .freeze(FreezeSpec.builder().build())
                            .build()
                            .attach(bert);
            config.addTrainingListeners(tuning.freezeGuard());
        }
        trainer = model.newTrainer(config);
        inputs = setup.inputs(model.getNDManager());
    }

    @Override
    public void runOnce() {
        // ScopedStep frees the batch it is given with the step, so each step gets a fresh copy.
        float loss =
                update
                        ? ScopedStep.run(trainer, EncoderSetup.copy(inputs), noLabels)
                        : forwardBackward();
        if (!Float.isFinite(loss)) {
            throw new IllegalStateException("the training loss is " + loss);
        }
    }

    /** {@link ScopedStep#run} without {@code trainer.step()}. */
    private float forwardBackward() {
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDList data = EncoderSetup.copy(inputs);
            data.attach(scope);
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray loss =
                        trainer.getLoss().evaluate(noLabels, trainer.forward(data, noLabels));
                collector.backward(loss);
                return loss.getFloat();
            }
        }
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
