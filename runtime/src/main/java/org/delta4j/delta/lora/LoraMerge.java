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
import org.delta4j.nn.ForwardGate;
import org.delta4j.nn.NoGrad;
import org.delta4j.nn.WeightEdit;
import org.delta4j.tree.ModuleTree;

/**
 * Merges LoRA deltas into their layers' weights, {@code W += B A * alpha / r} (transposed for
 * GPT-2's {@code [in, out]} Conv1D weights, PEFT's {@code fan_in_fan_out}), as PEFT's {@code
 * merge_adapter}: a merged delta adds nothing at run time, so inference costs what the plain
 * backbone costs. {@link #unmerge} subtracts the update again (outputs equal to the unmerged ones
 * within float rounding); {@link #mergeAndUnload} merges and takes the deltas off for good. A
 * merged delta does not train (its layers are skipped): unmerge before training. Detaching a merged
 * tuning unmerges it first, so the backbone's weights come back.
 */
public final class LoraMerge {
    private LoraMerge() {}

    /**
     * Merges every delta of a tuning. All or nothing, from any thread: it waits for running forward
     * passes and holds new ones back until every weight is written (see {@link ForwardGate}).
     *
     * @param tuning attached LoRA deltas
     * @throws IllegalArgumentException when a delta is not LoRA, is switched off ({@code
     *     DeltaSet}), or modifies a weight tied to another module (merging would change that module
     *     too); nothing is merged then
     * @throws IllegalStateException when the tuning is detached, or a weight did not take its new
     *     values; every weight is as before then
     */
    public static void merge(Tuning tuning) {
        ForwardGate.of(tuning.backbone())
                .change(
                        () -> {
                            List<LowRankLinear> unmerged = new ArrayList<>();
                            for (LowRankLinear layer : layers(tuning, true)) {
                                if (!layer.isMerged()) {
                                    unmerged.add(layer);
                                }
                            }
                            rewrite(unmerged, 1);
                        });
    }

    /**
     * Subtracts the merged updates of a tuning's LoRA deltas from their weights; other deltas are
     * left alone. All or nothing and from any thread, as {@link #merge}.
     *
     * @param tuning attached deltas
     * @throws IllegalStateException when the tuning is detached, or a weight did not take its new
     *     values
     */
    public static void unmerge(Tuning tuning) {
        ForwardGate.of(tuning.backbone()).change(() -> unmerge(layers(tuning, false)));
    }

    /**
     * @param tuning attached deltas
     * @return whether any LoRA layer of the tuning is merged
     */
    public static boolean isMerged(Tuning tuning) {
        return tuning.isAttached()
                && layers(tuning, false).stream().anyMatch(LowRankLinear::isMerged);
    }

    /**
     * Merges a tuning's LoRA deltas and {@linkplain Tuning#unload() unloads} them, leaving the
     * updates in the weights and the tuned values of the modules trained beside them (PEFT's {@code
     * modules_to_save}) in place: the backbone is then a plain model with the tuned weights, as
     * PEFT's {@code merge_and_unload}. Do not {@link Tuning#reattach()} the handle afterwards: that
     * would add the updates a second time.
     *
     * @param tuning attached LoRA deltas
     * @throws IllegalArgumentException as {@link #merge}; nothing changes then
     */
    public static void mergeAndUnload(Tuning tuning) {
        ForwardGate.of(tuning.backbone())
                .change(
                        () -> {
                            merge(tuning);
                            for (LowRankLinear layer : layers(tuning, true)) {
                                layer.setMerged(false);
                            }
                            tuning.unload();
                        });
    }

    /** Unmerges the merged ones of some layers, all or nothing. */
    static void unmerge(List<LowRankLinear> layers) {
        List<LowRankLinear> merged = new ArrayList<>();
        for (LowRankLinear layer : layers) {
            if (layer.isMerged()) {
                merged.add(layer);
            }
        }
        rewrite(merged, -1);
    }

    /**
     * Adds ({@code sign} 1) or subtracts (-1) the layers' updates to or from their weights as one
     * {@link WeightEdit}, then flips their merged flags: on any failure every weight and flag is as
     * before.
     */
    private static void rewrite(List<LowRankLinear> layers, int sign) {
        if (layers.isEmpty()) {
            return;
        }
        NoGrad.run(
                () -> {
                    try (WeightEdit edit =
                            WeightEdit.begin(layers.get(0).baseWeight().getArray().getManager())) {
                        for (LowRankLinear layer : layers) {
                            edit.write(layer.baseWeight(), layer.weightWith(sign, edit.scratch()));
                        }
                        edit.commit();
                    }
                });
        layers.forEach(layer -> layer.setMerged(sign > 0));
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
                    throw new IllegalArgumentException(
                            "Only LoRA deltas merge into the base weights; this tuning also "
                                    + "has a "
                                    + d.spec().method()
                                    + " delta on "
                                    + d.modifiedModules());
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

    private static void check(
            ModuleTree tree, String layerPath, LowRankLinear layer, Map<Parameter, Integer> uses) {
        int dot = layerPath.lastIndexOf('.');
        String module = layerPath.substring(0, dot);
        DeltaHosting host = (DeltaHosting) tree.module(module).block();
        if (!host.isLayerEnabled(layerPath.substring(dot + 1))) {
            throw new IllegalArgumentException(
                    "The LoRA layer "
                            + layerPath
                            + " is switched off (an inactive named "
                            + "delta); activate it before merging");
        }
        if (uses.getOrDefault(layer.baseWeight(), 0) > 1) {
            throw new IllegalArgumentException(
                    "The weight of "
                            + module
                            + " is tied to another module's; merging "
                            + "LoRA into it would change that module too");
        }
    }

    private static Map<Parameter, Integer> uses(ModuleTree tree) {
        Map<Parameter, Integer> uses = new IdentityHashMap<>();
        tree.parameters().values().forEach(p -> uses.merge(p, 1, Integer::sum));
        return Collections.unmodifiableMap(uses);
    }
}
