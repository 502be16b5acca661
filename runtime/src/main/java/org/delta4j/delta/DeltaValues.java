package org.delta4j.delta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.delta4j.nn.ForwardGate;
import org.delta4j.nn.ParameterValues;
import org.delta4j.tree.Module;
import org.delta4j.tree.ModuleTree;

/**
 * Saved values going back into deltas: how a checkpoint loads and a detached tuning re-attaches.
 *
 * <p>Values are keyed by <em>canonical</em> paths: the paths the parameters would have if the
 * tuning's deltas were the only ones on the backbone. A layer that got a suffix to stay unique
 * beside another tuning's layer ({@code fc2.adapter_1}) is named without it ({@code fc2.adapter}),
 * so saved values fit whatever else is attached when they load. Within one tuning, the second layer
 * of a method on a module keeps its {@code _1}.
 */
public final class DeltaValues {
    private DeltaValues() {}

    /**
     * @param backbone a model's root block with initialised parameters
     * @return the manager that owns its parameters: where scratch managers for values loading into
     *     it hang
     * @throws IllegalStateException when no parameter is initialised
     */
    public static NDManager managerOf(Block backbone) {
        for (Parameter p : ModuleTree.of(backbone).parameters().values()) {
            if (p.isInitialized()) {
                return p.getArray().getManager();
            }
        }
        throw new IllegalStateException(
                "The backbone has no initialised parameters; load or initialise it first.");
    }

    /**
     * @param tuning attached deltas
     * @return their parameters by canonical path, in attach order
     */
    public static Map<String, Parameter> canonicalParameters(Tuning tuning) {
        return canonicalParameters(tuning.deltas());
    }

    static Map<String, Parameter> canonicalParameters(List<AttachedDelta> deltas) {
        Map<String, Integer> taken = new HashMap<>();
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (AttachedDelta d : deltas) {
            Map<String, String> renamed = new LinkedHashMap<>();
            d.layerBases()
                    .forEach(
                            (actual, base) -> {
                                int k = taken.merge(base, 1, Integer::sum) - 1;
                                renamed.put(actual, k == 0 ? base : base + "_" + k);
                            });
            d.parameters().forEach((path, p) -> out.put(canonical(path, renamed), p));
        }
        return out;
    }

    private static String canonical(String path, Map<String, String> renamed) {
        for (Map.Entry<String, String> layer : renamed.entrySet()) {
            if (path.startsWith(layer.getKey() + ".")) {
                return layer.getValue() + path.substring(layer.getKey().length());
            }
        }
        return path; // an adopted backbone parameter keeps its backbone path
    }

    /**
     * Attaches a plan's deltas and writes saved values into them, into the modules that train
     * beside them ({@link TuningPlan#copies()}), and into the backbone parameters the values name
     * besides (whose present values {@link Tuning#detach()} puts back, as the copies'). All or
     * nothing: the values' names and shapes are first checked against the plan's predicted
     * parameters ({@link #check}), so nothing is attached or allocated for values that do not fit.
     *
     * @param plan the deltas to attach
     * @param values arrays by canonical delta path or backbone path; only read
     * @return the attached deltas, holding the values
     * @throws IllegalArgumentException as {@link #check}
     */
    public static Tuning apply(TuningPlan plan, Map<String, NDArray> values) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        values.forEach((name, value) -> shapes.put(name, value.getShape()));
        check(plan, shapes, name -> name);
        // One change: no forward pass sees the deltas attached but not yet holding their values.
        return ForwardGate.of(plan.backbone())
                .change(
                        () -> {
                            Tuning tuning = plan.apply();
                            try {
                                Map<String, Parameter> targets =
                                        new LinkedHashMap<>(canonicalParameters(tuning));
                                targets.putAll(tuning.copyParameters());
                                Map<String, Parameter> backbone =
                                        backboneParameters(tuning.backbone());
                                Map<String, Parameter> carried = new LinkedHashMap<>();
                                values.keySet().stream()
                                        .filter(name -> !targets.containsKey(name))
                                        .forEach(name -> carried.put(name, backbone.get(name)));
                                tuning.carry(carried);
                                targets.putAll(carried);
                                targets.forEach(
                                        (path, p) -> ParameterValues.assign(p, values.get(path)));
                                return tuning;
                            } catch (RuntimeException e) {
                                tuning.detach();
                                throw e;
                            }
                        });
    }

    /**
     * Checks saved tensors against what a plan's deltas would hold, before anything is attached or
     * allocated: they must name every parameter the plan predicts ({@link TuningPlan#parameters()})
     * and every parameter of its copied modules ({@link TuningPlan#copies()}) with its shape, and
     * besides only backbone parameters, with the backbone's shapes. A size that a config asks for
     * is thus never allocated unless the file's own tensors have it.
     *
     * @param plan the deltas to attach
     * @param given each saved tensor's shape, by canonical delta path or backbone path
     * @param nameInFile how the file names a tensor, for messages
     * @throws IllegalArgumentException naming every missing and unexpected tensor, or the first
     *     shape that differs with the arguments it comes from
     */
    public static void check(
            TuningPlan plan, Map<String, Shape> given, UnaryOperator<String> nameInFile) {
        Map<String, Shape> expected = new LinkedHashMap<>(plan.parameters());
        expected.putAll(plan.copies());
        Map<String, Parameter> backbone = backboneParameters(plan.backbone());
        TreeSet<String> missing = new TreeSet<>();
        expected.keySet().stream()
                .filter(name -> !given.containsKey(name))
                .map(nameInFile)
                .forEach(missing::add);
        TreeSet<String> unexpected = new TreeSet<>();
        for (String name : given.keySet()) {
            if (!expected.containsKey(name)) {
                Parameter p = backbone.get(name);
                if (p == null) {
                    unexpected.add(nameInFile.apply(name));
                } else {
                    expected.put(name, p.getShape());
                }
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException(
                    "the saved values do not fit the deltas: missing tensors "
                            + missing
                            + ", unexpected tensors "
                            + unexpected);
        }
        for (Map.Entry<String, Shape> e : expected.entrySet()) {
            Shape shape = given.get(e.getKey());
            if (!e.getValue().equals(shape)) {
                throw new IllegalArgumentException(
                        "tensor "
                                + nameInFile.apply(e.getKey())
                                + " has shape "
                                + shape
                                + ", the model expects "
                                + e.getValue()
                                + askedBy(plan, e.getKey()));
            }
        }
    }

    /**
     * @param backbone a model's root block
     * @return the parameters of its own modules by path, in tree order: none of any delta's layers
     *     (a bias a delta added or adopted is listed, as it sits in a backbone module)
     */
    public static Map<String, Parameter> backboneParameters(Block backbone) {
        return backboneParameters(ModuleTree.of(backbone));
    }

    /**
     * @param tree a snapshot of a model's tree
     * @return as {@link #backboneParameters(Block)}, for a tree already taken
     */
    static Map<String, Parameter> backboneParameters(ModuleTree tree) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Module m : tree.modules()) {
            if (!m.isDelta()) {
                m.parameters().forEach((local, p) -> out.put(m.pathOf(local), p));
            }
        }
        return out;
    }

    /**
     * For a delta parameter, the arguments its shape comes from, which a config may have set wrong.
     */
    private static String askedBy(TuningPlan plan, String path) {
        for (TuningPlan.PlannedDelta d : plan.deltas()) {
            if (d.parameters().containsKey(path)) {
                return ", as "
                        + d.spec().method()
                        + " with arguments "
                        + d.spec().arguments()
                        + " asks; set the arguments that fit the weights";
            }
        }
        return "";
    }
}
