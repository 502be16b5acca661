package org.delta4j.delta;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.delta4j.nn.ForwardGate;
import org.delta4j.tree.ModuleTree;

/**
 * Which modules each delta of a {@link TuningSpec} modifies on one backbone, and which modules
 * train beside them ({@link TuningSpec#modulesToSave()}). Resolving a plan checks every pattern and
 * every target; nothing changes until {@link #apply()}.
 */
public final class TuningPlan {
    private final TuningSpec spec;
    private final Block backbone;
    private final List<PlannedDelta> deltas;
    private final ModulesToSave.Selection copies;

    private TuningPlan(
            TuningSpec spec,
            Block backbone,
            List<PlannedDelta> deltas,
            ModulesToSave.Selection copies) {
        this.spec = spec;
        this.backbone = backbone;
        this.deltas = List.copyOf(deltas);
        this.copies = copies;
        this.deltas.forEach(d -> d.plan = this);
    }

    static TuningPlan resolve(TuningSpec spec, Block backbone) {
        ModuleTree tree = ModuleTree.of(backbone);
        Addressing addressing = new Addressing(tree, "the backbone (" + tree.root().type() + ")");
        List<PlannedDelta> planned = new ArrayList<>();
        for (DeltaSpec delta : spec.deltas()) {
            DeltaMethod method = delta.implementation();
            List<String> targets = method.targets(addressing, delta);
            for (String t : targets) {
                method.check(tree.module(t), addressing);
            }
            planned.add(new PlannedDelta(delta, targets, tree.paths()));
        }
        return new TuningPlan(
                spec, backbone, planned, ModulesToSave.select(backbone, spec.modulesToSave()));
    }

    /**
     * Every parameter the deltas would add or take over, with its shape, by canonical path (the
     * names checkpoints use, see {@link DeltaValues}), in attach order. Worked out before anything
     * is allocated: the deltas are put in place shaped, read and taken off again while forward
     * passes wait ({@link ForwardGate}), so no forward pass and no caller sees the backbone
     * changed.
     *
     * @return the predicted parameters
     */
    public Map<String, Shape> parameters() {
        Map<String, Shape> out = new LinkedHashMap<>();
        deltas.forEach(d -> out.putAll(d.parameters()));
        return out;
    }

    /**
     * @return the backbone modules that would train beside the deltas ({@link
     *     TuningSpec#modulesToSave()}), each once, in tree order; empty when none
     */
    public List<String> copiedModules() {
        return copies.modules();
    }

    /**
     * @return the parameters of {@link #copiedModules()} with their shapes, by backbone path: the
     *     values a checkpoint must hold for them besides the deltas' {@link #parameters()}
     */
    public Map<String, Shape> copies() {
        Map<String, Shape> out = new LinkedHashMap<>();
        copies.parameters().forEach((path, p) -> out.put(path, p.getShape()));
        return out;
    }

    /**
     * @return the backbone the plan was resolved on
     */
    public Block backbone() {
        return backbone;
    }

    /**
     * @return the planned deltas, in attach order
     */
    public List<PlannedDelta> deltas() {
        return deltas;
    }

    /**
     * Attaches every delta, then freezes as the spec says. All or nothing: if anything fails, every
     * change made so far is undone and the backbone is exactly as it was. Forward passes through
     * the backbone wait while it runs ({@link ForwardGate}).
     *
     * @return the handle to the attached deltas
     */
    public Tuning apply() {
        return apply(tuning -> {});
    }

    /** Fills each planned delta's predicted parameters, once: see {@link #parameters()}. */
    private synchronized void predict() {
        if (deltas.stream().allMatch(d -> d.parameters != null)) {
            return;
        }
        try {
            apply(
                    shaped -> {
                        Map<String, Parameter> canonical = DeltaValues.canonicalParameters(shaped);
                        for (int i = 0; i < deltas.size(); i++) {
                            Set<Parameter> own = Collections.newSetFromMap(new IdentityHashMap<>());
                            own.addAll(shaped.deltas().get(i).parameters().values());
                            Map<String, Shape> shapes = new LinkedHashMap<>();
                            canonical.forEach(
                                    (path, p) -> {
                                        if (own.contains(p)) {
                                            shapes.put(path, p.getShape());
                                        }
                                    });
                            deltas.get(i).parameters = Collections.unmodifiableMap(shapes);
                        }
                        throw new Predicted();
                    });
        } catch (Predicted done) {
            // the deltas were read and taken off again
        }
    }

    /** Stops a prediction's attach once the shapes are read, which undoes it. */
    private static final class Predicted extends RuntimeException {
        Predicted() {
            super(null, null, false, false);
        }
    }

    /**
     * As {@link #apply()}, with a check that sees the deltas in place, their parameters shaped but
     * not yet allocated: a loader compares them with a file's tensors there, so that no size the
     * file's config asks for is allocated unless the file holds it.
     *
     * @param beforeAllocating the check; it throws to stop the attach, which is then undone
     * @return the handle to the attached deltas
     */
    Tuning apply(Consumer<Tuning> beforeAllocating) {
        return ForwardGate.of(backbone)
                .change(
                        () ->
                                PlanAttacher.attach(
                                        spec, backbone, deltas, copies, beforeAllocating));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (PlannedDelta d : deltas) {
            sb.append(d).append('\n');
        }
        if (!copies.modules().isEmpty()) {
            sb.append("train beside them: ").append(copies.modules()).append('\n');
        }
        spec.freeze()
                .ifPresent(
                        f ->
                                sb.append("then freeze all but ")
                                        .append(f.exclude())
                                        .append(
                                                f.setStateDict()
                                                        ? ", state dict keeps trainable parameters only"
                                                        : "")
                                        .append('\n'));
        return sb.toString();
    }

    /**
     * One delta of a plan: its spec, the module paths it modifies, in tree order, and the
     * parameters it adds.
     */
    public static final class PlannedDelta {
        private final DeltaSpec spec;
        private final List<String> targets;
        private final List<String> modules;
        private TuningPlan plan;
        private volatile Map<String, Shape> parameters;

        PlannedDelta(DeltaSpec spec, List<String> targets, List<String> treeOrder) {
            this.spec = spec;
            this.targets = List.copyOf(targets);
            List<String> distinct = new ArrayList<>();
            for (String path : treeOrder) {
                if (targets.contains(path)) {
                    distinct.add(path);
                }
            }
            this.modules = List.copyOf(distinct);
        }

        /**
         * @return the targets in the order the method takes them (a parallel adapter's pairs),
         *     repeats kept
         */
        List<String> targets() {
            return targets;
        }

        /**
         * @return the delta's spec
         */
        public DeltaSpec spec() {
            return spec;
        }

        /**
         * @return the parameters this delta would add or take over (a BitFit bias), with their
         *     shapes, by canonical path; see {@link TuningPlan#parameters()}
         */
        public Map<String, Shape> parameters() {
            plan.predict();
            return parameters;
        }

        /**
         * @return the module paths it modifies, each once, in tree order
         */
        public List<String> modules() {
            return modules;
        }

        @Override
        public String toString() {
            return spec.method()
                    + " "
                    + spec.arguments()
                    + " on "
                    + modules.size()
                    + " modules: "
                    + modules;
        }
    }
}
