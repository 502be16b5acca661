package org.delta4j.delta;

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
import org.delta4j.tree.StructureGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deltas one {@link TuningSpec} attached to a backbone, and what users do with them next: look at the
 * structure graph and ratios ({@link #log()}), freeze, train (with {@link #freezeGuard()}), and detach.
 */
public final class Tuning {
    private static final Logger LOG = LoggerFactory.getLogger(Tuning.class);

    private final Block backbone;
    private final List<AttachedDelta> deltas;
    private final Set<Parameter> frozen = Collections.newSetFromMap(new IdentityHashMap<>());

    Tuning(Block backbone, List<AttachedDelta> deltas) {
        this.backbone = backbone;
        this.deltas = List.copyOf(deltas);
    }

    /** @return the backbone the deltas are attached to */
    public Block backbone() {
        return backbone;
    }

    /** @return the attached deltas, in attach order */
    public List<AttachedDelta> deltas() {
        return deltas;
    }

    /** @return every parameter of these deltas by backbone path, in attach order */
    public Map<String, Parameter> deltaParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (AttachedDelta d : deltas) {
            out.putAll(d.parameters());
        }
        return out;
    }

    /**
     * Freezes the backbone as OpenDelta's {@code freeze_module}; see {@link FreezeSpec}. The frozen set is
     * remembered so {@link #freezeGuard()} can restore it.
     *
     * @param spec what to keep trainable
     * @return this handle
     */
    public Tuning freeze(FreezeSpec spec) {
        frozen.addAll(Freezer.freeze(backbone, spec));
        return this;
    }

    /**
     * A training listener that re-freezes what {@link #freeze} froze when a trainer starts. DJL's
     * {@code Model.newTrainer} unfreezes every parameter of a model that was loaded with {@code Model.load}; add this
     * to the {@code TrainingConfig} so freezing holds during training.
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

    /** @return the parameter counts now */
    public ParameterStatistics statistics() {
        return ParameterStatistics.of(backbone);
    }

    /** @return the structure graph, delta parameters marked */
    public StructureGraph graph() {
        return StructureGraph.of(backbone, DeltaRegistry.of(backbone).deltaParameters());
    }

    /**
     * Logs and returns OpenDelta's {@code log()} text: the structure graph, then the trainable and delta ratios.
     *
     * @return the text, plain
     */
    public String log() {
        String text = graph() + statistics().toString() + "\n";
        LOG.info("\n{}", text);
        return text;
    }

    /**
     * Removes every delta of this handle, newest first; the backbone's modules and parameters are as before
     * attaching (frozen parameters stay frozen).
     */
    public void detach() {
        DeltaRegistry registry = DeltaRegistry.of(backbone);
        for (int i = deltas.size() - 1; i >= 0; i--) {
            deltas.get(i).detach();
            registry.remove(deltas.get(i));
        }
    }
}
