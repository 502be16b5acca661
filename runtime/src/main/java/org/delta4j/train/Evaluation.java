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
 * scope: the loss (batch losses weighted by their rows, as HF's evaluation loop) and the accuracy.
 */
final class Evaluation {
    private Evaluation() {}

    /** The loss and accuracy of one pass. */
    record Result(double loss, Accuracy accuracy) {}

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
                            NDList outputs = model.forward(ps, task.inputs(batch, scope), false);
                            weightedLoss += task.loss(outputs, labels).getFloat() * batch.rows();
                            rows += batch.rows();
                            accuracy = accuracy.plus(task.accuracy(outputs, labels));
                        }
                    }
                    return new Result(weightedLoss / rows, accuracy);
                });
    }
}
