package org.delta4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The gradient backward left on a parameter, as a handle in a scope. DJL's {@code getGradient()}
 * allocates a zeros array in the parameter's manager when there is no gradient yet, a leak on every
 * step; this reads PyTorch's {@code .grad} directly and tells "undefined" apart from "zero".
 */
final class DefinedGradient {
    private DefinedGradient() {}

    /**
     * @param value a parameter's array (PyTorch engine)
     * @param scope where the handle lives; closing it frees the handle, not the gradient
     * @return a handle on the gradient, or null when backward never reached the parameter
     */
    static PtNDArray of(NDArray value, NDManager scope) {
        PtNDArray gradient = JniUtils.getGradient((PtNDArray) value);
        if (gradient != null) {
            gradient.attach(scope);
        }
        return gradient;
    }

    /**
     * @param name the parameter's name, for the message
     * @param parameter a parameter
     * @return its array, checked to be an initialized float32 array of the PyTorch engine
     * @throws IllegalArgumentException otherwise
     */
    static NDArray valueOf(String name, Parameter parameter) {
        if (parameter == null || !parameter.isInitialized()) {
            throw new IllegalArgumentException(
                    "parameter '"
                            + name
                            + "' is not initialized: initialize or load the model before"
                            + " optimizing it");
        }
        NDArray value = parameter.getArray();
        if (!(value instanceof PtNDArray)) {
            throw new IllegalArgumentException(
                    "parameter '"
                            + name
                            + "' is an array of engine "
                            + value.getManager().getEngine().getEngineName()
                            + ": expected PyTorch; load the model on DJL's PyTorch engine");
        }
        if (value.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(
                    "parameter '"
                            + name
                            + "' is "
                            + value.getDataType()
                            + ": expected float32; convert the model to float32 to train it");
        }
        return value;
    }
}
