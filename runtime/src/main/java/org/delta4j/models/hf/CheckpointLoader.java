package org.delta4j.models.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.delta4j.io.TensorInfo;
import org.delta4j.io.TensorSource;
import org.delta4j.tree.ModuleTree;

/**
 * Loads a state dict into a freshly built model by key: every parameter and buffer path of the
 * module tree is a state-dict key. The checkpoint must fit exactly: each parameter found under one
 * of its paths (a tied parameter under any of them), no key the model lacks, equal shapes. A buffer
 * the checkpoint lacks keeps the value the model computes for it, since HF leaves non-persistent
 * buffers such as BERT's {@code position_ids} out of checkpoints. Everything is checked and read
 * before any parameter is set, so a failed load leaves the model untouched and frees what it read.
 */
public final class CheckpointLoader {
    private CheckpointLoader() {}

    /**
     * @param model a model whose parameters are not initialised yet
     * @param source the state dict
     * @param manager the manager that will own the weights
     * @throws IOException when the checkpoint does not fit the model (naming every missing and
     *     unexpected key and every shape mismatch) or cannot be read
     * @throws IllegalStateException when a parameter of the model is already initialised
     */
    public static void load(Block model, TensorSource source, NDManager manager)
            throws IOException {
        load(model, source, manager, key -> false);
    }

    /**
     * Loads a checkpoint that may lack some parameters, which are then initialised as the model
     * initialises them (as HF does for a head the checkpoint was not saved with).
     *
     * @param model a model whose parameters are not initialised yet
     * @param source the state dict
     * @param manager the manager that will own the weights
     * @param mayBeFresh the keys that may be missing
     * @return the keys of the parameters initialised fresh, in model order
     * @throws IOException when the checkpoint does not fit the model or cannot be read
     * @throws IllegalStateException when a parameter of the model is already initialised
     */
    public static List<String> load(
            Block model, TensorSource source, NDManager manager, Predicate<String> mayBeFresh)
            throws IOException {
        ModuleTree tree = ModuleTree.of(model);
        Map<String, Parameter> state = tree.state();
        Set<Parameter> buffers = identitySet(tree.buffers().values());
        List<String> fresh = new ArrayList<>();
        Map<Parameter, String> keyOf = plan(model, state, buffers, source, mayBeFresh, fresh);
        Map<Parameter, NDArray> arrays = new LinkedHashMap<>();
        try (NDManager scratch = manager.newSubManager()) {
            for (Map.Entry<Parameter, String> e : keyOf.entrySet()) {
                arrays.put(e.getKey(), asFloat32(source.read(e.getValue(), scratch)));
            }
            // From here on nothing is read: move the arrays out of scratch and give them to the
            // parameters.
            arrays.values().forEach(a -> a.attach(manager));
        }
        try {
            arrays.forEach((p, a) -> setArray(p, a, manager));
            model.initialize(manager, DataType.FLOAT32, HfModels.INIT_SHAPE);
        } catch (RuntimeException e) {
            state.values().forEach(Parameter::close);
            arrays.values().forEach(NDArray::close);
            throw e;
        }
        return fresh;
    }

    /** Checks the checkpoint against the model and picks the key each parameter is read from. */
    private static Map<Parameter, String> plan(
            Block model,
            Map<String, Parameter> state,
            Set<Parameter> buffers,
            TensorSource source,
            Predicate<String> mayBeFresh,
            List<String> fresh)
            throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> present = new HashSet<>(source.names());
        for (String key : source.names()) {
            if (!state.containsKey(key)) {
                problems.add(
                        "unexpected key " + key + " (the model has no such parameter or buffer)");
            }
        }
        // Parameter has identity equality, so these maps are keyed by parameter object, in model
        // order.
        Map<Parameter, String> keyOf = new LinkedHashMap<>();
        Map<Parameter, String> firstPath = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : state.entrySet()) {
            Parameter p = e.getValue();
            if (p.isInitialized()) {
                throw new IllegalStateException(
                        "Parameter "
                                + e.getKey()
                                + " is already initialised; load into a "
                                + "freshly built model");
            }
            firstPath.putIfAbsent(p, e.getKey());
            if (!present.contains(e.getKey())) {
                continue;
            }
            TensorInfo info = source.info(e.getKey());
            if (!info.shape().equals(p.getShape())) {
                problems.add(
                        "shape mismatch for "
                                + e.getKey()
                                + ": checkpoint "
                                + info.shape()
                                + ", model "
                                + p.getShape());
            } else if (!buffers.contains(p) && !info.dtype().loadedType().isFloating()) {
                problems.add(
                        "parameter "
                                + e.getKey()
                                + " is stored as "
                                + info.dtype()
                                + ", not a float type");
            }
            keyOf.putIfAbsent(p, e.getKey());
        }
        firstPath.forEach(
                (p, path) -> {
                    if (keyOf.containsKey(p) || buffers.contains(p)) {
                        return;
                    }
                    if (mayBeFresh.test(path)) {
                        fresh.add(path);
                    } else {
                        problems.add("missing key " + path);
                    }
                });
        if (!problems.isEmpty()) {
            Collections.sort(problems);
            throw new IOException(
                    "The checkpoint "
                            + source.location()
                            + " does not fit "
                            + model.getClass().getSimpleName()
                            + ":\n  "
                            + String.join("\n  ", problems));
        }
        return keyOf;
    }

    /**
     * A floating array as float32, converted one tensor at a time: an F16 or F64 original is freed
     * at once, so a half-precision checkpoint never holds two copies of all its weights.
     */
    private static NDArray asFloat32(NDArray array) {
        if (!array.getDataType().isFloating() || array.getDataType() == DataType.FLOAT32) {
            return array;
        }
        NDArray converted = array.toType(DataType.FLOAT32, false);
        array.close();
        return converted;
    }

    /**
     * Gives a fresh parameter its array the way DJL initialises one, so gradients are set up as
     * usual.
     */
    private static void setArray(Parameter p, NDArray array, NDManager manager) {
        Initializer original = p.getInitializer();
        p.setInitializer((m, shape, type) -> array);
        try {
            p.initialize(manager, DataType.FLOAT32);
        } finally {
            p.setInitializer(original);
        }
    }

    private static Set<Parameter> identitySet(Iterable<Parameter> parameters) {
        Set<Parameter> out = Collections.newSetFromMap(new IdentityHashMap<>());
        parameters.forEach(out::add);
        return out;
    }
}
