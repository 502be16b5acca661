package org.delta4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** The Dropout module is the identity in inference and PyTorch's dropout in training. */
class DropoutTest {
    @Test
    void activeOnlyInTraining() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Dropout dropout = new Dropout(0.5f);
            NDArray x = manager.ones(new Shape(1000));
            ParameterStore ps = new ParameterStore(manager, false);
            assertEquals(x, dropout.forward(ps, new NDList(x), false).head());
            NDArray dropped = dropout.forward(ps, new NDList(x), true).head();
            float kept = dropped.gt(0).toType(DataType.FLOAT32, false).mean().getFloat();
            assertEquals(0.5f, kept, 0.1f);
            assertEquals(2f, dropped.max().getFloat(), "kept entries are scaled by 1 / (1 - rate)");
        }
    }
}
