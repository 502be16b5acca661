package org.delta4j.delta.lora;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.delta.AttachedDelta;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.host.DeltaHosting;
import org.delta4j.tree.ModuleTree;

/**
 * Merges LoRA deltas into their layers' weights, {@code W += B A * alpha / r} (transposed for GPT-2's
 * {@code [in, out]} Conv1D weights, PEFT's {@code fan_in_fan_out}), as PEFT's {@code merge_adapter}: a merged delta
 * adds nothing at run time, so inference costs what the plain backbone costs. {@link #unmerge} subtracts the update
 * again (outputs equal to the unmerged ones within float rounding); {@link #mergeAndUnload} merges and takes the
 * deltas off for good. A merged delta does not train (its layers are skipped): unmerge before training.
 * Detaching a merged tuning unmerges it first, so the backbone's weights come back.
 */
public final class LoraMerge {
    private LoraMerge() {}

    /**
     * Merges every delta of a tuning. All or nothing.
     *
     * @param tuning attached LoRA deltas
     * @throws IllegalArgumentException when a delta is not LoRA, is switched off ({@code DeltaSet}), or modifies a
     *     weight tied to another module (merging would change that module too); nothing is merged then
     * @throws IllegalStateException when the tuning is detached
     */
    public static void merge(Tuning tuning) {
        List<LowRankLinear> layers = layers(tuning, true);
        List<LowRankLinear> done = new ArrayList<>();
        try {
            for (LowRankLinear layer : layers) {
                if (!layer.isMerged()) {
                    layer.merge();
                    done.add(layer);
                }
            }
        } catch (RuntimeException e) {
            done.forEach(LowRankLinear::unmerge);
            throw e;
        }
    }

    /**
     * Subtracts the merged updates of a tuning's LoRA deltas from their weights; other deltas are left alone.
     *
     * @param tuning attached deltas
     * @throws IllegalStateException when the tuning is detached
     */
    public static void unmerge(Tuning tuning) {
        for (LowRankLinear layer : layers(tuning, false)) {
            layer.unmerge();
        }
    }

    /**
     * @param tuning attached deltas
     * @return whether any LoRA layer of the tuning is merged
     */
    public static boolean isMerged(Tuning tuning) {
        return tuning.isAttached() && layers(tuning, false).stream().anyMatch(LowRankLinear::isMerged);
    }

    /**
     * Merges a tuning's LoRA deltas and detaches them, leaving the updates in the weights: the backbone is then a
     * plain model with the tuned weights, as PEFT's {@code merge_and_unload}. Do not {@link Tuning#reattach()} the
     * handle afterwards: that would add the updates a second time.
     *
     * @param tuning attached LoRA deltas
     * @throws IllegalArgumentException as {@link #merge}; nothing changes then
     */
    public static void mergeAndUnload(Tuning tuning) {
        merge(tuning);
        for (LowRankLinear layer : layers(tuning, true)) {
            layer.keepMerged();
        }
        tuning.detach();
    }

    /** The LoRA layers of a tuning, checked for merging when {@code forMerge}. */
    private static List<LowRankLinear> layers(Tuning tuning, boolean forMerge) {
        if (!tuning.isAttached()) {
            throw new IllegalStateException("the deltas are detached; reattach() them first");
        }
        ModuleTree tree = ModuleTree.of(tuning.backbone());
        Map<Parameter, Integer> uses = uses(tree);
        List<LowRankLinear> out = new ArrayList<>();
        for (AttachedDelta d : tuning.deltas()) {
            if (!(d.spec() instanceof LoraSpec)) {
                if (forMerge) {
                    throw new IllegalArgumentException("Only LoRA deltas merge into the base weights; this tuning also "
                            + "has a " + d.spec().method() + " delta on " + d.modifiedModules());
                }
                continue;
            }
            for (String path : d.layers()) {
                LowRankLinear layer = (LowRankLinear) tree.module(path).block();
                if (forMerge) {
                    check(tree, path, layer, uses);
                }
                out.add(layer);
            }
        }
        return out;
    }

    private static void check(ModuleTree tree, String layerPath, LowRankLinear layer, Map<Parameter, Integer> uses) {
        int dot = layerPath.lastIndexOf('.');
        String module = layerPath.substring(0, dot);
        DeltaHosting host = (DeltaHosting) tree.module(module).block();
        if (!host.isLayerEnabled(layerPath.substring(dot + 1))) {
            throw new IllegalArgumentException("The LoRA layer " + layerPath + " is switched off (an inactive named "
                    + "delta); activate it before merging");
        }
        if (uses.getOrDefault(layer.baseWeight(), 0) > 1) {
            throw new IllegalArgumentException("The weight of " + module + " is tied to another module's; merging "
                    + "LoRA into it would change that module too");
        }
    }

    private static Map<Parameter, Integer> uses(ModuleTree tree) {
        Map<Parameter, Integer> uses = new IdentityHashMap<>();
        tree.parameters().values().forEach(p -> uses.merge(p, 1, Integer::sum));
        return Collections.unmodifiableMap(uses);
    }
}
