package org.delta4j.delta.named;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.IdentityHashMap;
import java.util.Map;
import org.delta4j.delta.AttachedDelta;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.host.DeltaHosting;
import org.delta4j.delta.lora.LoraMerge;
import org.delta4j.tree.ModuleTree;

/**
 * One named delta of a {@link DeltaSet}: its handle, whether it runs, and the trainable flags it
 * had when switched off. Switching runs under the set's lock and {@link
 * org.delta4j.nn.ForwardGate}, so it needs no lock of its own.
 */
final class NamedDelta {
    private final Tuning tuning;
    private boolean active = true;
    private Map<Parameter, Boolean> trains = Map.of();

    NamedDelta(Tuning tuning) {
        this.tuning = tuning;
    }

    Tuning tuning() {
        return tuning;
    }

    boolean isActive() {
        return active;
    }

    /**
     * Unmerges a merged LoRA, skips the layers and freezes the parameters, remembering their flags.
     */
    void switchOff() {
        if (!active) {
            return;
        }
        LoraMerge.unmerge(tuning);
        Map<Parameter, Boolean> flags = new IdentityHashMap<>();
        tuning.deltaParameters()
                .values()
                .forEach(
                        p -> {
                            flags.put(p, p.requiresGradient());
                            p.freeze(true);
                        });
        setLayers(false);
        trains = flags;
        active = false;
    }

    /**
     * Runs the layers again and gives the parameters back the trainable flags they had when
     * switched off.
     */
    void switchOn() {
        if (active) {
            return;
        }
        setLayers(true);
        trains.forEach((p, flag) -> p.freeze(!flag));
        trains = Map.of();
        active = true;
    }

    private void setLayers(boolean enabled) {
        ModuleTree tree = ModuleTree.of(tuning.backbone());
        for (AttachedDelta d : tuning.deltas()) {
            for (String layer : d.layers()) {
                hostOf(tree, layer)
                        .setLayerEnabled(layer.substring(layer.lastIndexOf('.') + 1), enabled);
            }
        }
    }

    /**
     * @return the host a layer runs in, or {@code null} when it runs elsewhere (a hook on the
     *     model's root)
     */
    static DeltaHosting hostOf(ModuleTree tree, String layer) {
        int dot = layer.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        Block module = tree.module(layer.substring(0, dot)).block();
        return module instanceof DeltaHosting ? (DeltaHosting) module : null;
    }
}
