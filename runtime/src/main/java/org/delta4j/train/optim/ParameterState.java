package org.delta4j.train.optim;

import ai.djl.ndarray.NDArray;

/** One parameter's optimizer state: its update count and its arrays (null until first made). */
final class ParameterState {
    /** Updates applied to the parameter so far. */
    long step;

    /** The state arrays, in the order of the optimizer's field names. */
    final NDArray[] arrays;

    ParameterState(int fields) {
        arrays = new NDArray[fields];
    }

    /** Frees the arrays. */
    void close() {
        for (NDArray array : arrays) {
            if (array != null) {
                array.close();
            }
        }
    }
}
