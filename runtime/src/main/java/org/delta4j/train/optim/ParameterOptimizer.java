package org.delta4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.nn.NoGrad;

/**
 * What every optimizer shares: the parameter list, the per-parameter state created on first update,
 * the step loop (one scratch scope per parameter, so at most one parameter's temporaries are alive
 * at a time) and the state's save and load. Subclasses give the update rule.
 */
abstract class ParameterOptimizer implements Optimizer {
    private static final String STEP = "step";

    private final List<String> names;
    private final List<Parameter> parameters;
    private final NDManager stateManager;
    private final String[] fields;
    private Map<String, ParameterState> states = new HashMap<>();
    private NDManager stepCounts;

    ParameterOptimizer(
            Map<String, Parameter> parameters, NDManager stateManager, String... fields) {
        this.names = new ArrayList<>(parameters.keySet());
        this.parameters = new ArrayList<>(parameters.values());
        this.stateManager = stateManager.newSubManager();
        this.fields = fields;
    }

    static ParameterOptimizer of(
            OptimizerSettings settings, Map<String, Parameter> parameters, NDManager manager) {
        if (settings == null || parameters == null || manager == null) {
            throw new IllegalArgumentException(
                    "Optimizer.create needs settings, parameters and a state manager: got "
                            + settings
                            + ", "
                            + parameters
                            + ", "
                            + manager);
        }
        parameters.forEach(ParameterOptimizer::checkParameter);
        return switch (settings.type()) {
            case ADAMW, ADAM -> new AdamOptimizer(settings, parameters, manager);
            case SGD -> new SgdOptimizer(settings, parameters, manager);
        };
    }

    private static void checkParameter(String name, Parameter parameter) {
        if (name == null || name.isEmpty() || name.contains(":")) {
            throw new IllegalArgumentException(
                    "parameter name '"
                            + name
                            + "' cannot name optimizer state: use the module path, which is"
                            + " non-empty and has no ':'");
        }
        DefinedGradient.valueOf(name, parameter);
    }

    /**
     * Updates one parameter in place.
     *
     * @param value the parameter's array
     * @param gradient its gradient (read only)
     * @param state its state, whose step count already includes this update
     * @param learningRate this step's learning rate
     * @param scratch a scope for temporaries, closed after this parameter
     */
    abstract void update(
            NDArray value,
            NDArray gradient,
            ParameterState state,
            double learningRate,
            NDManager scratch);

    /**
     * @param value a parameter's array
     * @return zeros of its shape and type, in the state's manager
     */
    final NDArray zerosLike(NDArray value) {
        return stateManager.zeros(value.getShape(), value.getDataType());
    }

    /**
     * @param array an array to keep as state (a copy; the caller's scope may close the original)
     * @return a copy in the state's manager
     */
    final NDArray keep(NDArray array) {
        NDArray copy = array.duplicate();
        copy.attach(stateManager);
        return copy;
    }

    @Override
    public final void step(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(
                    "learning rate " + learningRate + ": expected a finite number >= 0");
        }
        NoGrad.run(
                () -> {
                    for (int i = 0; i < names.size(); i++) {
                        NDArray value = parameters.get(i).getArray();
                        try (NDManager scratch = stateManager.newSubManager()) {
                            NDArray gradient = DefinedGradient.of(value, scratch);
                            if (gradient == null) {
                                continue;
                            }
                            ParameterState state =
                                    states.computeIfAbsent(
                                            names.get(i),
                                            name -> new ParameterState(fields.length));
                            state.step++;
                            update(value, gradient, state, learningRate, scratch);
                        }
                    }
                });
    }

    @Override
    public final Map<String, NDArray> state() {
        if (stepCounts != null) {
            stepCounts.close();
        }
        stepCounts = stateManager.newSubManager();
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (String name : names) {
            ParameterState state = states.get(name);
            if (state == null) {
                continue;
            }
            out.put(name + ":" + STEP, stepCounts.create(state.step));
            for (int f = 0; f < fields.length; f++) {
                if (state.arrays[f] != null) {
                    out.put(name + ":" + fields[f], state.arrays[f]);
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public final void loadState(Map<String, NDArray> state) {
        Map<String, ParameterState> loaded = new StateReader(names, parameters, fields).read(state);
        Map<String, ParameterState> copies = new HashMap<>();
        try {
            loaded.forEach(
                    (name, read) -> {
                        ParameterState copy = new ParameterState(fields.length);
                        copies.put(name, copy);
                        copy.step = read.step;
                        for (int f = 0; f < fields.length; f++) {
                            copy.arrays[f] = keep(read.arrays[f]);
                        }
                    });
        } catch (RuntimeException e) {
            copies.values().forEach(ParameterState::close);
            throw e;
        }
        states.values().forEach(ParameterState::close);
        states = copies;
    }

    @Override
    public final void close() {
        stateManager.close();
    }
}
