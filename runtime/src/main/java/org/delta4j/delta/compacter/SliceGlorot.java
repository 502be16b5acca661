package org.delta4j.delta.compacter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * Glorot-uniform with gain sqrt(2) applied to each {@code [rows, cols]} slice of a {@code [n, rows,
 * cols]} tensor, as OpenDelta initialises its PHM factors slice by slice (DJL's Xavier would count
 * the slices into the fans).
 */
final class SliceGlorot implements Initializer {
    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        float bound = (float) (Math.sqrt(2) * Math.sqrt(6.0 / (shape.get(1) + shape.get(2))));
        return manager.randomUniform(-bound, bound, shape, dataType, manager.getDevice());
    }
}
