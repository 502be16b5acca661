package org.delta4j.train.data;

import ai.djl.nn.Block;
import org.delta4j.models.HasInputLimits;
import org.delta4j.models.InputLimits;
import org.delta4j.models.bert.BertForSequenceClassification;
import org.delta4j.train.task.Task;

/**
 * What a model accepts in a training row: the task decides the fields, the vocabulary bounds the
 * ids, the position table the length, and a classifier's {@code num_labels} the class ids (one
 * label means regression, as in HF).
 *
 * @param task what the model is trained for
 * @param vocabSize {@code vocab_size}: ids lie in {@code 0 .. vocabSize - 1}
 * @param maxTokens the longest input (and target) the model takes
 * @param numLabels {@code num_labels} of a sequence classifier; 0 for the other tasks
 */
public record RowRules(Task task, long vocabSize, long maxTokens, int numLabels) {
    /**
     * @throws IllegalArgumentException when a size is not positive, or {@code numLabels} does not
     *     fit the task
     */
    public RowRules {
        if (vocabSize < 1 || maxTokens < 1) {
            throw new IllegalArgumentException(
                    "vocabSize and maxTokens must be positive, got "
                            + vocabSize
                            + ", "
                            + maxTokens);
        }
        boolean classifier = task == Task.SEQUENCE_CLASSIFICATION;
        if (classifier ? numLabels < 1 : numLabels != 0) {
            throw new IllegalArgumentException(
                    "numLabels must be "
                            + (classifier ? "at least 1" : "0")
                            + " for "
                            + task.description()
                            + ", got "
                            + numLabels);
        }
    }

    /**
     * @param model a model with a trainable head ({@link Task#of(Block)})
     * @return the rules its config sets
     * @throws IllegalArgumentException for a model without a head
     */
    public static RowRules of(Block model) {
        Task task = Task.of(model);
        InputLimits limits = ((HasInputLimits) model).inputLimits();
        int numLabels =
                model instanceof BertForSequenceClassification classifier
                        ? Math.toIntExact(classifier.numLabels())
                        : 0;
        return new RowRules(task, limits.vocabSize(), limits.maxTokens(), numLabels);
    }

    /**
     * @return whether rows carry one number to regress to ({@code num_labels == 1})
     */
    public boolean regression() {
        return numLabels == 1;
    }

    /**
     * @return the longest row kept: the model's {@link #maxTokens()}, at most {@link
     *     DataLimits#MAX_ROW_TOKENS}
     */
    int longestRow() {
        return (int) Math.min(maxTokens, DataLimits.MAX_ROW_TOKENS);
    }
}
