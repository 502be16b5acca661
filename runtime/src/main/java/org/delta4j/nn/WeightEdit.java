package org.delta4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Writes new values into several initialised weights as one change: all of them or none. Each
 * weight's first write keeps a copy of its old values; every write is read back and compared;
 * {@link #close()} without {@link #commit()} (an exception on the way) puts every old value back,
 * bit for bit. Runs with gradient recording off ({@link NoGrad}), so it works from any thread.
 *
 * <pre>{@code
 * try (WeightEdit edit = WeightEdit.begin(manager)) {
 *     edit.write(weight, newValues);   // newValues may live in edit.scratch()
 *     edit.commit();
 * }
 * }</pre>
 */
public final class WeightEdit implements AutoCloseable {
    private final NDManager scratch;
    private final Map<Parameter, NDArray> before = new IdentityHashMap<>();
    private boolean committed;

    private WeightEdit(NDManager scratch) {
        this.scratch = scratch;
    }

    /**
     * @param manager a manager on the weights' device; the edit's scratch memory is a sub-manager
     *     of it, freed at {@link #close()}
     * @return a new, empty edit
     */
    public static WeightEdit begin(NDManager manager) {
        return new WeightEdit(manager.newSubManager());
    }

    /**
     * @return a manager for arrays the edit needs only while it runs (such as new values); freed at
     *     close
     */
    public NDManager scratch() {
        return scratch;
    }

    /**
     * Overwrites a weight's values, keeping the old ones until the edit ends.
     *
     * @param weight an initialised parameter
     * @param values an array of its shape
     * @throws IllegalStateException when the weight does not read back the values written
     * @throws IllegalArgumentException when the shapes differ
     */
    public void write(Parameter weight, NDArray values) {
        if (committed) {
            throw new IllegalStateException("this edit is committed; begin a new one");
        }
        NoGrad.run(
                () -> {
                    if (!before.containsKey(weight)) {
                        NDArray copy = weight.getArray().duplicate();
                        copy.attach(scratch);
                        before.put(weight, copy);
                    }
                    ParameterValues.assign(weight, values);
                    requireHolds(weight, values);
                });
    }

    /** Keeps every write. */
    public void commit() {
        committed = true;
    }

    /** Puts every old value back unless the edit was committed, then frees the scratch memory. */
    @Override
    public void close() {
        try {
            if (!committed) {
                NoGrad.run(
                        () ->
                                before.forEach(
                                        (weight, old) -> {
                                            ParameterValues.assign(weight, old);
                                            requireHolds(weight, old);
                                        }));
            }
        } finally {
            scratch.close();
        }
    }

    private static void requireHolds(Parameter weight, NDArray values) {
        NDArray now = weight.getArray();
        try (NDArray expected = values.toType(now.getDataType(), true)) {
            if (!now.contentEquals(expected)) {
                throw new IllegalStateException(
                        "the weight "
                                + weight.getName()
                                + " "
                                + now.getShape()
                                + " did not take the values written to it");
            }
        }
    }
}
