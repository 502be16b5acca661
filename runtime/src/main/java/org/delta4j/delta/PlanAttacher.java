package org.delta4j.delta;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.delta4j.tree.Module;
import org.delta4j.tree.ModuleTree;

/**
 * Puts a {@link TuningPlan}'s deltas in place, all or none. The caller holds the backbone's {@link
 * org.delta4j.nn.ForwardGate}, so no forward pass sees a half-attached model.
 */
final class PlanAttacher {
    private PlanAttacher() {}

    /**
     * Attaches the planned deltas, runs the check, allocates their parameters, registers them,
     * makes the copied modules trainable and applies the spec's freeze; on any failure detaches
     * what was attached, restores the copied modules' flags and rethrows.
     *
     * @param spec the spec, for its freeze
     * @param backbone the backbone
     * @param deltas the planned deltas, in attach order
     * @param copied the modules that train beside the deltas
     * @param beforeAllocating the check that sees the deltas shaped but not yet allocated
     * @return the handle to the attached deltas
     */
    static Tuning attach(
            TuningSpec spec,
            Block backbone,
            List<TuningPlan.PlannedDelta> deltas,
            ModulesToSave.Selection copied,
            Consumer<Tuning> beforeAllocating) {
        NDArray reference = anyInitialisedArray(backbone);
        List<AttachedDelta> attached = new ArrayList<>();
        List<Attachment> attachments = new ArrayList<>();
        try {
            for (TuningPlan.PlannedDelta p : deltas) {
                Attachment attachment =
                        new Attachment(backbone, reference.getManager(), reference.getDataType());
                AttachedDelta delta =
                        new AttachedDelta(p.spec(), backbone, p.modules(), attachment);
                attached.add(delta);
                attachments.add(attachment);
                ModuleTree tree = ModuleTree.of(backbone);
                List<Module> targets = new ArrayList<>();
                for (String path : p.targets()) {
                    targets.add(tree.module(path));
                }
                p.spec().implementation().attach(targets, attachment);
            }
            TrainableCopies copies = TrainableCopies.of(copied);
            Tuning tuning = new Tuning(backbone, attached, copies);
            beforeAllocating.accept(tuning);
            attachments.forEach(Attachment::allocate);
            DeltaRegistry registry = DeltaRegistry.of(backbone);
            attached.forEach(registry::add);
            try {
                copies.train();
                spec.freeze().ifPresent(tuning::freeze);
            } catch (RuntimeException e) {
                copies.restore(reference.getManager());
                attached.forEach(registry::remove);
                throw e;
            }
            return tuning;
        } catch (RuntimeException e) {
            for (int i = attached.size() - 1; i >= 0; i--) {
                attached.get(i).detach();
            }
            throw e;
        }
    }

    private static NDArray anyInitialisedArray(Block backbone) {
        for (Parameter p : ModuleTree.of(backbone).parameters().values()) {
            if (p.isInitialized()) {
                return p.getArray();
            }
        }
        throw new IllegalStateException(
                "The backbone has no initialised parameters. Load it, or call "
                        + "backbone.initialize(manager, DataType.FLOAT32, inputShapes), before attaching deltas.");
    }
}
