package org.delta4j.delta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.delta4j.nn.ForwardGate;
import org.delta4j.nn.ParameterValues;
import org.delta4j.tree.Module;
import org.delta4j.tree.ModuleTree;

/**
 * Saved values going back into deltas: how a checkpoint loads and a detached tuning re-attaches.
 *
 * <p>Values are keyed by <em>canonical</em> paths: the paths the parameters would have if the tuning's deltas were
 * the only ones on the backbone. A layer that got a suffix to stay unique beside another tuning's layer
 * ({@code fc2.adapter_1}) is named without it ({@code fc2.adapter}), so saved values fit whatever else is attached
 * when they load. Within one tuning, the second layer of a method on a module keeps its {@code _1}.
 */
public final class DeltaValues {
    private DeltaValues() {}

    /**
     * @param backbone a model's root block with initialised parameters
     * @return the manager that owns its parameters: where scratch managers for values loading into it hang
     * @throws IllegalStateException when no parameter is initialised
     */
    public static NDManager managerOf(Block backbone) {
        for (Parameter p : ModuleTree.of(backbone).parameters().values()) {
            if (p.isInitialized()) {
                return p.getArray().getManager();
            }
        }
        throw new IllegalStateException("The backbone has no initialised parameters; load or initialise it first.");
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
            d.layerBases().forEach((actual, base) -> {
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
     * Attaches a plan's deltas and writes saved values into them, and into the backbone parameters the values name
     * besides (whose present values {@link Tuning#detach()} puts back). All or nothing: the values must name every
     * new delta parameter (by canonical path) and nothing that is neither a delta nor a backbone parameter, with
     * equal shapes; otherwise the deltas are detached again and the backbone is as it was. The names and shapes are
     * compared before the deltas' arrays are allocated, so sizes in a config that the values do not have (a rank of
     * millions) allocate nothing.
     *
     * @param plan the deltas to attach
     * @param values arrays by canonical delta path or backbone path; only read
     * @return the attached deltas, holding the values
     * @throws IllegalArgumentException naming every missing and unexpected tensor, or the first shape that differs
     */
    public static Tuning apply(TuningPlan plan, Map<String, NDArray> values) {
        // One change: no forward pass sees the deltas attached but not yet holding their values.
        return ForwardGate.of(plan.backbone()).change(() -> applyAlone(plan, values));
    }

    private static Tuning applyAlone(TuningPlan plan, Map<String, NDArray> values) {
        Tuning tuning = plan.apply(shaped -> targets(shaped, values));
        try {
            Map<String, Parameter> targets = targets(tuning, values);
            Map<String, Parameter> backbone = new LinkedHashMap<>(targets);
            backbone.keySet().removeAll(canonicalParameters(tuning).keySet());
            tuning.carry(backbone);
            targets.forEach((path, p) -> ParameterValues.assign(p, values.get(path)));
            return tuning;
        } catch (RuntimeException e) {
            tuning.detach();
            throw e;
        }
    }

    /**
     * @param backbone a model's root block
     * @return the parameters of its own modules by path, in tree order: none of any delta's layers (a bias a delta
     *     added or adopted is listed, as it sits in a backbone module)
     */
    public static Map<String, Parameter> backboneParameters(Block backbone) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Module m : ModuleTree.of(backbone).modules()) {
            if (!m.isDelta()) {
                m.parameters().forEach((local, p) -> out.put(m.pathOf(local), p));
            }
        }
        return out;
    }

    /** Every parameter a value goes into, checked: the key sets match and every shape is equal. */
    private static Map<String, Parameter> targets(Tuning tuning, Map<String, NDArray> values) {
        Map<String, Parameter> targets = canonicalParameters(tuning);
        Map<String, Parameter> backbone = backboneParameters(tuning.backbone());
        TreeSet<String> missing = new TreeSet<>(targets.keySet());
        missing.removeAll(values.keySet());
        List<String> unexpected = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!targets.containsKey(key)) {
                Parameter p = backbone.get(key);
                if (p == null) {
                    unexpected.add(key);
                } else {
                    targets.put(key, p);
                }
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("the saved values do not fit the deltas: missing tensors " + missing
                    + ", unexpected tensors " + new TreeSet<>(unexpected));
        }
        for (Map.Entry<String, Parameter> t : targets.entrySet()) {
            NDArray value = values.get(t.getKey());
            if (!t.getValue().getShape().equals(value.getShape())) {
                throw new IllegalArgumentException("tensor " + t.getKey() + " has shape " + value.getShape()
                        + ", the model expects " + t.getValue().getShape() + askedBy(tuning, t.getValue()));
            }
        }
        return targets;
    }

    /** For a delta parameter, the arguments its shape comes from, which a config may have set wrong. */
    private static String askedBy(Tuning tuning, Parameter parameter) {
        for (AttachedDelta d : tuning.deltas()) {
            if (d.parameters().containsValue(parameter)) {
                return ", as " + d.spec().method() + " with arguments " + d.spec().arguments()
                        + " asks; set the arguments that fit the weights";
            }
        }
        return "";
    }
}
