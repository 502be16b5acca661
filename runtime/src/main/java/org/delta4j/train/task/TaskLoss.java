package org.delta4j.train.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import org.delta4j.models.TeacherForced;

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
     * @param modelInputs a batch's named inputs ({@code Batch.modelInputs}), added to
     * @param labels the batch's labels ({@code Batch.labels}): {@code [rows]} for sequence
     *     classification, {@code [rows, length]} per token for the language models
     * @return {@code modelInputs}; for seq2seq with {@code decoder_input_ids} added, the labels
     *     shifted right
     * @throws IllegalArgumentException when the labels are not of this task's kind
     */
    public NDList inputs(NDList modelInputs, NDArray labels) {
        requireLabelKind(labels);
        if (task == Task.SEQ2SEQ_LM) {
            NDArray decoderIds = ((TeacherForced) model).decoderInputIds(labels);
            decoderIds.setName("decoder_input_ids");
            modelInputs.add(decoderIds);
        }
        return modelInputs;
    }

    /**
     * @param outputs the model's outputs for {@link #inputs}
     * @param labels the batch's labels ({@code Batch.labels})
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
     * @param labels the batch's labels ({@code Batch.labels})
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

    private void requireLabelKind(NDArray labels) {
        boolean perToken = labels.getShape().dimension() == 2;
        if (perToken == (task == Task.SEQUENCE_CLASSIFICATION)) {
            throw new IllegalArgumentException(
                    "the batch has "
                            + (perToken ? "per-token labels" : "one label per row")
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
