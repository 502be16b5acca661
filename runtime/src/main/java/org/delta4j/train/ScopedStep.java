package org.delta4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;

/**
 * One training step (forward, loss, backward, optimiser update) whose intermediate arrays live in a
 * sub-manager closed at the end of the step. DJL keeps every intermediate alive until its manager
 * closes, so without a scope per step memory grows by megabytes a step.
 */
public final class ScopedStep {
    private ScopedStep() {}

    /**
     * Runs one step. The batch arrays are moved into the step's scope and freed with it.
     *
     * @param trainer the trainer
     * @param data the inputs
     * @param labels the labels
     * @return the loss of this step
     */
    public static float run(Trainer trainer, NDList data, NDList labels) {
        try (NDManager scope = trainer.getManager().newSubManager()) {
            data.attach(scope);
            labels.attach(scope);
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(data, labels);
                NDArray l = trainer.getLoss().evaluate(labels, predictions);
                collector.backward(l);
                loss = l.getFloat();
            }
            trainer.step();
            return loss;
        }
    }
}
