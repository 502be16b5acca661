package org.delta4j.train.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import org.delta4j.models.TeacherForced;
import org.delta4j.train.data.Batch;

/**
 * A model's training loss and accuracy, as its HF head computes them from the named output {@code
 * logits}: sequence classification cross-entropy over the rows (mean squared error of the squeezed
 * logits when the model has one label), causal LM cross-entropy of {@code logits[:, :-1]} against
 * {@code labels[:, 1:]}, and seq2seq cross-entropy of the logits against the labels, whose shifted
 * copy is the decoder's input. {@code -100} labels are ignored; the mean is over the targets that
 * are not.
 */
public final class TaskLoss {
    private final Task task;
    private final Block model;

    private TaskLoss(Task task, Block model) {
        this.task = task;
        this.model = model;
    }

    /**
     * @param model a model with a head ({@link Task#of})
     * @return its loss
     * @throws IllegalArgumentException for a model without a trainable head
     */
    public static TaskLoss of(Block model) {
        return new TaskLoss(Task.of(model), model);
    }

    /**
     * @return the task
     */
    public Task task() {
        return task;
    }

    /**
     * @param batch a batch of rows
     * @param manager where the arrays live (a step's scope)
     * @return the model's named inputs; for seq2seq also {@code decoder_input_ids}, the labels
     *     shifted right
     * @throws IllegalArgumentException when the batch's labels are not of this task's kind
     */
    public NDList inputs(Batch batch, NDManager manager) {
        requireLabelKind(batch);
        NDList inputs = batch.modelInputs(manager);
        if (task == Task.SEQ2SEQ_LM) {
            NDArray decoderIds = ((TeacherForced) model).decoderInputIds(batch.labels(manager));
            decoderIds.setName("decoder_input_ids");
            inputs.add(decoderIds);
        }
        return inputs;
    }

    /**
     * @param outputs the model's outputs for {@link #inputs}
     * @param labels the batch's {@link Batch#labels labels}
     * @return the scalar float32 loss
     */
    public NDArray loss(NDList outputs, NDArray labels) {
        NDArray logits = logits(outputs);
        return switch (task) {
            case SEQUENCE_CLASSIFICATION ->
                    isRegression(logits)
                            ? Losses.meanSquaredError(logits.squeeze(), labels.squeeze())
                            : Losses.crossEntropy(logits, labels);
            case CAUSAL_LM -> Losses.crossEntropy(shiftedLogits(logits), shiftedLabels(labels));
            case SEQ2SEQ_LM -> Losses.crossEntropy(logits, labels);
        };
    }

    /**
     * @param outputs the model's outputs for {@link #inputs}
     * @param labels the batch's {@link Batch#labels labels}
     * @return the predictions ({@code argmax} of the logits) that equal their label: per row for
     *     classification, per token not ignored for language models (next-token for causal LM);
     *     {@link Accuracy#NONE} for regression
     */
    public Accuracy accuracy(NDList outputs, NDArray labels) {
        NDArray logits = logits(outputs);
        return switch (task) {
            case SEQUENCE_CLASSIFICATION ->
                    isRegression(logits) ? Accuracy.NONE : Losses.accuracy(logits, labels);
            case CAUSAL_LM -> Losses.accuracy(shiftedLogits(logits), shiftedLabels(labels));
            case SEQ2SEQ_LM -> Losses.accuracy(logits, labels);
        };
    }

    private void requireLabelKind(Batch batch) {
        boolean fits =
                task == Task.SEQUENCE_CLASSIFICATION
                        ? batch.tokenLabels() == null
                        : batch.tokenLabels() != null;
        if (!fits) {
            throw new IllegalArgumentException(
                    "the batch has "
                            + (batch.tokenLabels() != null
                                    ? "per-token labels"
                                    : "one label per row")
                            + " but the model is trained for "
                            + task.description()
                            + ", which needs "
                            + (task == Task.SEQUENCE_CLASSIFICATION
                                    ? "one label per row"
                                    : "per-token labels")
                            + "; read the data for this task");
        }
    }

    private static NDArray logits(NDList outputs) {
        NDArray logits = outputs.get("logits");
        if (logits == null) {
            throw new IllegalArgumentException(
                    "the model's outputs have no array named logits; train a model with a head");
        }
        return logits;
    }

    private static boolean isRegression(NDArray logits) {
        return logits.getShape().get(logits.getShape().dimension() - 1) == 1;
    }

    private static NDArray shiftedLogits(NDArray logits) {
        return logits.get(":, :-1, :");
    }

    private static NDArray shiftedLabels(NDArray labels) {
        return labels.get(":, 1:");
    }
}
