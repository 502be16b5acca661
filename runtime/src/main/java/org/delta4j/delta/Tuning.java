package org.delta4j.delta;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.delta4j.nn.ForwardGate;
import org.delta4j.tree.StructureGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deltas one {@link TuningSpec} attached to a backbone, and the backbone modules that train
 * beside them ({@link TuningSpec#modulesToSave()}), and what users do with them next: look at the
 * structure graph and ratios ({@link #log()}), freeze, train (with {@link #freezeGuard()}), detach
 * and re-attach.
 */
public final class Tuning {
    private static final Logger LOG = LoggerFactory.getLogger(Tuning.class);

    private final Block backbone;
    private List<AttachedDelta> deltas;
    private TrainableCopies copies;
    private DetachedValues detached;
    private boolean unloaded;
    private Map<String, Parameter> carried = Map.of();
    private DetachedValues carriedBefore;
    private final Set<Parameter> frozen = Collections.newSetFromMap(new IdentityHashMap<>());

    Tuning(Block backbone, List<AttachedDelta> deltas, TrainableCopies copies) {
        this.backbone = backbone;
        this.deltas = List.copyOf(deltas);
        this.copies = copies;
    }

    /**
     * @return the backbone the deltas are attached to
     */
    public Block backbone() {
        return backbone;
    }

    /**
     * @return the deltas, in attach order (while detached, those that {@link #reattach()} puts
     *     back)
     */
    public List<AttachedDelta> deltas() {
        return deltas;
    }

    /**
     * @return every parameter of these deltas by backbone path, in attach order
     */
    public Map<String, Parameter> deltaParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (AttachedDelta d : deltas) {
            out.putAll(d.parameters());
        }
        return out;
    }

    /**
     * @return the entries that selected the modules training beside the deltas, as given ({@link
     *     TuningSpec.Builder#modulesToSave}); empty when none
     */
    public List<String> modulesToSave() {
        return copies.selection().entries();
    }

    /**
     * @return the backbone modules training beside the deltas, by path, in tree order; empty when
     *     none
     */
    public List<String> copiedModules() {
        return copies.selection().modules();
    }

    /**
     * @return the parameters of {@link #copiedModules()} by backbone path, in tree order: they
     *     train and are saved with the deltas
     */
    public Map<String, Parameter> copyParameters() {
        return copies.selection().parameters();
    }

    /**
     * Freezes the backbone as OpenDelta's {@code freeze_module}; see {@link FreezeSpec}. With
     * {@value FreezeSpec#DELTAS} excluded, the {@linkplain #copiedModules() copied modules} stay
     * trainable too. The frozen set is remembered so {@link #freezeGuard()} can restore it.
     *
     * @param spec what to keep trainable
     * @return this handle
     */
    public Tuning freeze(FreezeSpec spec) {
        frozen.addAll(Freezer.freeze(backbone, spec, copyParameters().values()));
        return this;
    }

    /**
     * A training listener that re-freezes what {@link #freeze} froze when a trainer starts. DJL's
     * {@code Model.newTrainer} unfreezes every parameter of a model that was loaded with {@code
     * Model.load}; add this to the {@code TrainingConfig} so freezing holds during training.
     *
     * @return the listener
     */
    public TrainingListener freezeGuard() {
        return new TrainingListenerAdapter() {
            @Override
            public void onTrainingBegin(Trainer trainer) {
                for (Parameter p : frozen) {
                    p.freeze(true);
                }
            }
        };
    }

    /**
     * @return the parameter counts now
     */
    public ParameterStatistics statistics() {
        return ParameterStatistics.of(backbone);
    }

    /**
     * @return the structure graph, delta parameters marked
     */
    public StructureGraph graph() {
        return StructureGraph.of(backbone, DeltaRegistry.of(backbone).deltaParameters());
    }

    /**
     * Logs and returns OpenDelta's {@code log()} text: the structure graph, then the trainable and
     * delta ratios.
     *
     * @return the text, plain
     */
    public String log() {
        String text = graph() + statistics().toString() + "\n";
        LOG.info("\n{}", text);
        return text;
    }

    /**
     * Removes every delta of this handle, newest first; the backbone's modules and parameters are
     * bit-identical to those before attaching (frozen parameters stay frozen), including backbone
     * parameters whose values a checkpoint brought along and the {@linkplain #copiedModules()
     * copied modules}, whose trainable flags are restored too. The deltas' values and trainable
     * flags, and those brought or trained values, are kept on the Java heap, so {@link #reattach()}
     * can put the same deltas back. Does nothing when already detached. Merged LoRA deltas are
     * unmerged first, which restores their weights within float rounding.
     */
    public void detach() {
        ForwardGate.of(backbone).change(() -> detachAlone(true));
    }

    /**
     * Removes every delta of this handle as {@link #detach()} does, but leaves the values that came
     * or trained with them (a checkpoint's backbone parameters, the copied modules, with their
     * flags) in the backbone, which then is the plain tuned model: what PEFT's {@code unload()}
     * leaves of {@code modules_to_save}. The handle cannot be {@link #reattach() re-attached}
     * afterwards: the backbone's own values of those modules are gone.
     */
    public void unload() {
        ForwardGate.of(backbone).change(() -> detachAlone(false));
    }

    private void detachAlone(boolean restoreBackbone) {
        if (detached != null) {
            return;
        }
        Map<String, Parameter> state = new LinkedHashMap<>(DeltaValues.canonicalParameters(deltas));
        state.putAll(carried);
        state.putAll(copyParameters());
        DetachedValues values = DetachedValues.capture(state);
        DeltaRegistry registry = DeltaRegistry.of(backbone);
        for (int i = deltas.size() - 1; i >= 0; i--) {
            deltas.get(i).detach();
            registry.remove(deltas.get(i));
        }
        if (restoreBackbone) {
            if (!carried.isEmpty()) {
                carriedBefore.restoreValues(carried, DeltaValues.managerOf(backbone));
            }
            copies.restore(DeltaValues.managerOf(backbone));
        }
        unloaded = !restoreBackbone;
        detached = values;
    }

    /**
     * @return whether the deltas are attached: true until {@link #detach()}, and again after {@link
     *     #reattach()}
     */
    public boolean isAttached() {
        return detached == null;
    }

    /**
     * Attaches the detached deltas again, on the same modules, with the values and trainable flags
     * they had when detached: the backbone's outputs and parameters are then bit-identical to those
     * before {@link #detach()}. The delta parameters are new objects; read them again from {@link
     * #deltas()} or {@link #deltaParameters()}.
     *
     * @return this handle
     * @throws IllegalStateException when the deltas are attached or were {@link #unload()
     *     unloaded}, or the backbone changed so that they would modify other modules; the backbone
     *     is then unchanged
     */
    public Tuning reattach() {
        return ForwardGate.of(backbone).change(this::reattachAlone);
    }

    private Tuning reattachAlone() {
        if (detached == null) {
            throw new IllegalStateException(
                    "the deltas are attached; detach() them before reattach()");
        }
        if (unloaded) {
            throw new IllegalStateException(
                    "the deltas were unloaded (merged into the backbone), so they cannot be "
                            + "re-attached; load them again from their checkpoint instead");
        }
        TuningSpec.Builder spec =
                TuningSpec.builder().modulesToSave(modulesToSave().toArray(new String[0]));
        deltas.forEach(d -> spec.add(d.spec()));
        TuningPlan plan = spec.build().plan(backbone);
        for (int i = 0; i < deltas.size(); i++) {
            List<String> now = plan.deltas().get(i).modules();
            if (!now.equals(deltas.get(i).modifiedModules())) {
                throw new IllegalStateException(
                        "cannot reattach "
                                + deltas.get(i).spec().method()
                                + ": it modified "
                                + deltas.get(i).modifiedModules()
                                + " but would now modify "
                                + now);
            }
        }
        Tuning fresh;
        try (NDManager scratch = DeltaValues.managerOf(backbone).newSubManager()) {
            fresh = DeltaValues.apply(plan, detached.arrays(scratch));
        }
        Map<String, Parameter> restored =
                new LinkedHashMap<>(DeltaValues.canonicalParameters(fresh));
        restored.putAll(fresh.copyParameters());
        detached.restoreFlags(restored);
        deltas = fresh.deltas;
        copies = fresh.copies;
        carried = fresh.carried;
        carriedBefore = fresh.carriedBefore;
        detached = null;
        return this;
    }

    /**
     * Records backbone parameters whose values are about to come with these deltas (a checkpoint's
     * trainable layer norms), so that {@link #detach()} puts their present values back.
     *
     * @param parameters the parameters by backbone path, not yet overwritten
     */
    void carry(Map<String, Parameter> parameters) {
        carried = new LinkedHashMap<>(parameters);
        carriedBefore = DetachedValues.capture(carried);
    }
}
