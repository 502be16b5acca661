package org.delta4j.train.task;

/**
 * Correct predictions over the targets counted (classification: rows; language models: tokens whose
 * label is not ignored), summed over batches before dividing.
 *
 * @param correct the predictions equal to their target
 * @param counted the targets counted
 */
public record Accuracy(long correct, long counted) {
    /** No predictions. */
    public static final Accuracy NONE = new Accuracy(0, 0);

    /**
     * @throws IllegalArgumentException when a count is negative or more are correct than counted
     */
    public Accuracy {
        if (correct < 0 || counted < correct) {
            throw new IllegalArgumentException(
                    "accuracy counts need 0 <= correct <= counted, got "
                            + correct
                            + " of "
                            + counted);
        }
    }

    /**
     * @param other counts of more predictions
     * @return the sum of both
     */
    public Accuracy plus(Accuracy other) {
        return new Accuracy(correct + other.correct, counted + other.counted);
    }

    /**
     * @return the fraction correct, NaN when nothing was counted (regression)
     */
    public double value() {
        return counted == 0 ? Double.NaN : (double) correct / counted;
    }
}
