package org.delta4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks saved optimizer state against the optimizer it is loaded into, entry by entry, before
 * anything is loaded: every name is {@code <known parameter>:<field>}, a parameter has all of its
 * fields or none, arrays are float32 of the parameter's shape, step counts whole numbers {@code >=
 * 1}.
 */
final class StateReader {
    private final List<String> names;
    private final List<Parameter> parameters;
    private final String[] fields;

    StateReader(List<String> names, List<Parameter> parameters, String[] fields) {
        this.names = names;
        this.parameters = parameters;
        this.fields = fields;
    }

    /**
     * @param state the entries, as {@link Optimizer#state()} names them
     * @return the state of each parameter that has entries; its arrays are the given ones
     * @throws OptimizerStateException at the first entry that does not fit
     */
    Map<String, ParameterState> read(Map<String, NDArray> state) {
        if (state == null) {
            throw new OptimizerStateException(
                    "optimizer state is null: pass a map, empty for none");
        }
        Map<String, ParameterState> read = new HashMap<>();
        Set<String> stepSeen = new HashSet<>();
        state.forEach(
                (key, array) -> {
                    int colon = key == null ? -1 : key.lastIndexOf(':');
                    String name = colon < 0 ? key : key.substring(0, colon);
                    int index = names.indexOf(name);
                    if (index < 0) {
                        throw new OptimizerStateException(
                                "optimizer state entry '"
                                        + key
                                        + "' names no parameter of this optimizer: expected"
                                        + " '<parameter>:<field>' with a parameter among "
                                        + names);
                    }
                    String field = key.substring(colon + 1);
                    ParameterState target =
                            read.computeIfAbsent(name, n -> new ParameterState(fields.length));
                    if (array == null) {
                        throw new OptimizerStateException(
                                "optimizer state entry '" + key + "' is null: expected an array");
                    }
                    if ("step".equals(field)) {
                        target.step = stepCount(key, array);
                        stepSeen.add(name);
                        return;
                    }
                    int f = Arrays.asList(fields).indexOf(field);
                    if (f < 0) {
                        throw new OptimizerStateException(
                                "optimizer state entry '"
                                        + key
                                        + "' has field '"
                                        + field
                                        + "': this optimizer keeps step and "
                                        + Arrays.toString(fields)
                                        + "; load state saved by an optimizer of the same type");
                    }
                    checkArray(key, array, parameters.get(index).getArray().getShape());
                    target.arrays[f] = array;
                });
        read.forEach(
                (name, target) -> {
                    if (!stepSeen.contains(name)) {
                        throw missing(name, "step");
                    }
                    for (int f = 0; f < fields.length; f++) {
                        if (target.arrays[f] == null) {
                            throw missing(name, fields[f]);
                        }
                    }
                });
        return read;
    }

    private static long stepCount(String key, NDArray array) {
        double step = array.size() == 1 ? array.toArray()[0].doubleValue() : Double.NaN;
        if (!(step >= 1) || step != Math.rint(step) || step > Long.MAX_VALUE) {
            throw new OptimizerStateException(
                    "optimizer state entry '"
                            + key
                            + "' is "
                            + array.getShape()
                            + " "
                            + array.getDataType()
                            + (array.size() == 1 ? " holding " + step : "")
                            + ": expected one whole number >= 1 (the updates applied so far)");
        }
        return (long) step;
    }

    private static void checkArray(String key, NDArray array, Shape expected) {
        if (array.getDataType() != DataType.FLOAT32 || !array.getShape().equals(expected)) {
            throw new OptimizerStateException(
                    "optimizer state entry '"
                            + key
                            + "' is "
                            + array.getDataType()
                            + " "
                            + array.getShape()
                            + ": expected float32 "
                            + expected
                            + ", the parameter's shape; load state saved for this model");
        }
    }

    private static OptimizerStateException missing(String name, String field) {
        return new OptimizerStateException(
                "optimizer state of parameter '"
                        + name
                        + "' has no '"
                        + name
                        + ":"
                        + field
                        + "': a parameter needs all of its entries or none");
    }
}
