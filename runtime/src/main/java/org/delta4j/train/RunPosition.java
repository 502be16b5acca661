package org.delta4j.train;

/**
 * Where a run stands: the optimizer steps done and the next batch to read. A resumed run starts
 * there and reads exactly the batches an uninterrupted run would have read.
 *
 * @param step the optimizer steps done
 * @param epoch the epoch of the next batch, from 0
 * @param batch the position of the next batch in that epoch, from 0
 */
public record RunPosition(int step, int epoch, int batch) {
    /** The start of a run. */
    public static final RunPosition START = new RunPosition(0, 0, 0);

    /**
     * @throws IllegalArgumentException for a negative value
     */
    public RunPosition {
        if (step < 0 || epoch < 0 || batch < 0) {
            throw new IllegalArgumentException(
                    "a run position needs step, epoch and batch >= 0, got "
                            + step
                            + ", "
                            + epoch
                            + ", "
                            + batch);
        }
    }
}
