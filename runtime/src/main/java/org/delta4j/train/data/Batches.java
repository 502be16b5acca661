package org.delta4j.train.data;

/**
 * The batches of a training or evaluation set, addressed by epoch and position so that a resumed
 * run reads exactly the batches an uninterrupted one would have read.
 */
public interface Batches {
    /**
     * @return the number of batches in one epoch, at least 1
     */
    int perEpoch();

    /**
     * @param epoch the epoch, from 0 (a shuffled set orders each epoch differently)
     * @param index the batch's position in that epoch, from 0 to {@link #perEpoch()} - 1
     * @return that batch
     */
    Batch get(int epoch, int index);
}
