package org.delta4j.delta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.delta4j.nn.ParameterValues;

/**
 * Parameter values and trainable flags kept on the Java heap (so a tuning that is never re-attached
 * frees them with the handle), by path: those of detached deltas (by canonical path, see {@link
 * DeltaValues}) and of the backbone parameters that came with them.
 */
final class DetachedValues {
    /** One parameter's bytes, exactly as the engine held them. */
    private record Saved(byte[] bytes, Shape shape, DataType dataType, boolean trains) {}

    private final Map<String, Saved> saved;

    private DetachedValues(Map<String, Saved> saved) {
        this.saved = saved;
    }

    /**
     * @param parameters parameters by canonical path
     * @return a copy of their values and flags
     */
    static DetachedValues capture(Map<String, Parameter> parameters) {
        Map<String, Saved> saved = new LinkedHashMap<>();
        parameters.forEach(
                (path, p) -> {
                    NDArray a = p.getArray();
                    saved.put(
                            path,
                            new Saved(
                                    a.toByteArray(),
                                    a.getShape(),
                                    a.getDataType(),
                                    p.requiresGradient()));
                });
        return new DetachedValues(saved);
    }

    /**
     * @param manager a scratch manager; the arrays point at Java memory, so close it once they are
     *     copied from
     * @return the values as arrays, by canonical path
     */
    Map<String, NDArray> arrays(NDManager manager) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        saved.forEach(
                (path, s) -> {
                    ByteBuffer data =
                            manager.allocateDirect(s.bytes().length).put(s.bytes()).flip();
                    out.put(path, manager.create(data, s.shape(), s.dataType()));
                });
        return out;
    }

    /**
     * Writes the values back into parameters.
     *
     * @param parameters the parameters by the paths they were captured under
     * @param manager the manager that owns them; a scratch manager below it holds the copies
     *     meanwhile
     */
    void restoreValues(Map<String, Parameter> parameters, NDManager manager) {
        try (NDManager scratch = manager.newSubManager()) {
            Map<String, NDArray> values = arrays(scratch);
            parameters.forEach((path, p) -> ParameterValues.assign(p, values.get(path)));
        }
    }

    /**
     * Gives re-attached parameters the trainable flags they had.
     *
     * @param parameters the new parameters by canonical path
     */
    void restoreFlags(Map<String, Parameter> parameters) {
        parameters.forEach((path, p) -> p.freeze(!saved.get(path).trains()));
    }
}
