package org.delta4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.delta4j.nn.NoGrad;
import org.delta4j.train.data.Batch;
import org.delta4j.train.data.Batches;
import org.delta4j.train.task.Accuracy;
import org.delta4j.train.task.TaskLoss;

/**
 * One pass over an eval set in inference mode (no dropout, no gradients), each batch in its own
 * scope: the loss (batch losses weighted by their rows, as HF's evaluation loop) and the accuracy,
 * as the {@link Trainer} evaluates. Safe to run while nothing trains the model.
 */
public final class Evaluation {
    private Evaluation() {}

    /**
     * The loss and accuracy of one pass.
     *
     * @param loss the mean loss per row
     * @param accuracy the share of rows (classification) or labelled tokens (LM) predicted
     */
    public record Result(double loss, Accuracy accuracy) {}

    /**
     * @param model a model with a head ({@link org.delta4j.train.task.Task#of})
     * @param eval the batches; epoch 0 is read
     * @param manager the parent of each batch's scope
     * @return the loss and accuracy
     * @throws IllegalArgumentException for a model without a head, or labels of another task
     */
    public static Result evaluate(Block model, Batches eval, NDManager manager) {
        return run(model, TaskLoss.of(model), eval, manager);
    }

    static Result run(Block model, TaskLoss task, Batches eval, NDManager manager) {
        return NoGrad.run(
                () -> {
                    double weightedLoss = 0;
                    long rows = 0;
                    Accuracy accuracy = Accuracy.NONE;
                    ParameterStore ps = new ParameterStore(manager, false);
                    for (int i = 0; i < eval.perEpoch(); i++) {
                        Batch batch = eval.get(0, i);
                        try (NDManager scope = manager.newSubManager()) {
                            NDArray labels = batch.labels(scope);
                            NDList outputs =
                                    model.forward(
                                            ps,
                                            task.inputs(batch.modelInputs(scope), labels),
                                            false);
                            weightedLoss += task.loss(outputs, labels).getFloat() * batch.rows();
                            rows += batch.rows();
                            accuracy = accuracy.plus(task.accuracy(outputs, labels));
                        }
                    }
                    return new Result(weightedLoss / rows, accuracy);
                });
    }
}
