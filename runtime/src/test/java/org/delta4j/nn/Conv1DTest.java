package org.delta4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Conv1D keeps HF's {@code [in, out]} layout and computes {@code x W + b}. */
class Conv1DTest {
    @Test
    void weightIsInByOutAndForwardIsXTimesWPlusB() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Conv1D conv = Conv1D.create(3, 5, 0.02f);
            Parameter weight = conv.getParameters().get("weight");
            assertEquals(new Shape(3, 5), weight.getShape());
            assertEquals(new Shape(5), conv.getParameters().get("bias").getShape());
            conv.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            ParameterValues.assign(weight, manager.arange(15f).reshape(3, 5));
            ParameterValues.assign(
                    conv.getParameters().get("bias"), manager.create(new float[] {1, 2, 3, 4, 5}));
            NDArray x = manager.create(new float[] {1, 0, 2, -1, 1, 0}, new Shape(1, 2, 3));
            NDArray y =
                    conv.forward(new ParameterStore(manager, false), new NDList(x), false).head();
            // Row [1, 0, 2]: 1 * [0..4] + 2 * [10..14] + bias; row [-1, 1, 0]: [5..9] - [0..4] +
            // bias.
            assertArrayEquals(new float[] {21, 25, 29, 33, 37, 6, 7, 8, 9, 10}, y.toFloatArray());
            assertEquals(new Shape(1, 2, 5), y.getShape());
            assertArrayEquals(
                    new Shape[] {new Shape(1, 2, 5)},
                    conv.getOutputShapes(new Shape[] {new Shape(1, 2, 3)}));
        }
    }

    @Test
    void featuresReportItsSizesAndItsLayout() {
        Conv1D conv = Conv1D.create(32, 96, 0.02f);
        assertEquals(OptionalLong.of(32), Features.in(conv));
        assertEquals(OptionalLong.of(96), Features.out(conv));
        assertTrue(conv.fanInFanOut());
        assertEquals(32, conv.inFeatures());
        assertEquals(96, conv.outFeatures());
    }
}
