package org.delta4j.train.optim;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small trainable parameters whose gradients a test chooses exactly. */
final class TrainableValues {
    private TrainableValues() {}

    /**
     * @param manager where the values live
     * @param name the parameter's name
     * @param values its values, as a [2, n/2] array
     * @return an initialized parameter that records gradients
     */
    static Parameter parameter(NDManager manager, String name, float... values) {
        Parameter parameter =
                Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        NDArray array = manager.create(values, new Shape(2, values.length / 2));
        array.setRequiresGradient(true);
        parameter.setArray(array);
        return parameter;
    }

    /**
     * @param parameters parameters by name, in order
     * @return the same, as the optimizer takes them
     */
    static Map<String, Parameter> byName(Parameter... parameters) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Parameter parameter : parameters) {
            out.put(parameter.getName(), parameter);
        }
        return out;
    }

    /**
     * Runs backward on {@code sum(p * g)} over the given parameters, so that each gradient grows by
     * exactly {@code g}; parameters not given get no gradient from it.
     *
     * @param gradients the gradient of each parameter
     */
    static void backward(Map<Parameter, float[]> gradients) {
        try (NDManager scope = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = scope.zeros(new Shape());
            for (Map.Entry<Parameter, float[]> entry : gradients.entrySet()) {
                NDArray value = entry.getKey().getArray();
                NDArray g = scope.create(entry.getValue(), value.getShape());
                loss = loss.add(g.mul(value).sum());
            }
            collector.backward(loss);
        }
    }

    /**
     * @param parameter a parameter
     * @return its values as doubles
     */
    static double[] values(Parameter parameter) {
        float[] f = parameter.getArray().toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
