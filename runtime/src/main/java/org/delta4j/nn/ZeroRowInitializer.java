package org.delta4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * Fills a table with another initializer, then zeroes one row: HF's fresh {@code nn.Embedding(...,
 * padding_idx)} has an all-zero padding row.
 */
public final class ZeroRowInitializer implements Initializer {
    private final Initializer base;
    private final long row;

    /**
     * @param base how the table is filled first
     * @param row the row to zero (the padding index)
     */
    public ZeroRowInitializer(Initializer base, long row) {
        this.base = base;
        this.row = row;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        NDArray table = base.initialize(manager, shape, dataType);
        // Zeroed before the parameter turns on gradients: in-place writes to a grad-requiring leaf
        // are refused.
        table.set(new NDIndex(row), 0f);
        return table;
    }
}
