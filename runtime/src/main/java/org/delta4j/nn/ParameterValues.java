package org.delta4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;

/** Writes new values into initialised parameters. */
public final class ParameterValues {
    private ParameterValues() {}

    /**
     * Copies values into a parameter's own memory, keeping its gradient setting. DJL's {@code
     * copyTo} and {@code set(Buffer)} would instead point the parameter at a Java buffer that only
     * the Java array object keeps alive. Runs with gradient recording off ({@link NoGrad}), so it
     * works from any thread.
     *
     * @param parameter an initialised parameter
     * @param values an array of the parameter's shape
     * @throws IllegalArgumentException when the shapes differ
     */
    public static void assign(Parameter parameter, NDArray values) {
        NDArray target = parameter.getArray();
        if (!target.getShape().equals(values.getShape())) {
            throw new IllegalArgumentException(
                    "cannot assign an array of shape "
                            + values.getShape()
                            + " to a parameter of shape "
                            + target.getShape());
        }
        NoGrad.run(
                () -> {
                    boolean trains = parameter.requiresGradient();
                    // Autograd refuses in-place writes to a leaf that requires gradients.
                    target.setRequiresGradient(false);
                    target.set(new NDIndex("..."), values.toType(target.getDataType(), false));
                    target.setRequiresGradient(trains);
                });
    }
}
