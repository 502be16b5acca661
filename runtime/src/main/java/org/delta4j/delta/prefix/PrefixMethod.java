package org.delta4j.delta.prefix;

import java.util.ArrayList;
import java.util.List;
import org.delta4j.backbone.PrefixableAttention;
import org.delta4j.delta.Addressing;
import org.delta4j.delta.Attachment;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.spec.Method;
import org.delta4j.spec.Problem;
import org.delta4j.tree.Module;

/**
 * Puts a {@link PrefixLayer} before each target's attention block and, when reparameterised, one
 * {@link ReparameterizeFunction} before the first target (OpenDelta's {@code reparams}).
 */
final class PrefixMethod implements DeltaMethod {
    private final PrefixSpec spec;

    PrefixMethod(PrefixSpec spec) {
        this.spec = spec;
    }

    @Override
    public String layerName() {
        return Method.PREFIX.layerName();
    }

    @Override
    public void check(Module target, Addressing addressing) {
        spec.checkTarget(addressing.structure(), addressing.structureOf(target.path()));
    }

    @Override
    public void attach(List<Module> targets, Attachment attachment) {
        List<Module> attentions = new ArrayList<>();
        for (Module t : targets) {
            attentions.add(attentionOf(t));
        }
        long hidden = sizeOf(attentions.get(0));
        for (Module a : attentions) {
            if (sizeOf(a) != hidden) {
                throw Problem.UNSUPPORTED_MODULE.exception(
                        "Prefix",
                        a.path(),
                        a.type(),
                        "its size "
                                + sizeOf(a)
                                + " differs from "
                                + hidden
                                + " of "
                                + attentions.get(0).path()
                                + "; one reparameterised prefix needs equal sizes.");
            }
        }
        List<PrefixLayer> layers = new ArrayList<>();
        PrefixValues values = new PrefixValues(attentions.size(), targets.get(0).path());
        for (int i = 0; i < attentions.size(); i++) {
            long heads = ((PrefixableAttention) attentions.get(i).shown()).heads();
            PrefixLayer layer =
                    spec.reparameterize()
                            ? PrefixLayer.reparameterized(
                                    i, heads, spec.prefixTokenNum(), hidden, values)
                            : PrefixLayer.direct(heads, spec.prefixTokenNum(), hidden);
            layers.add(layer);
            attachment.addLayer(attentions.get(i), layerName(), layer);
        }
        if (spec.reparameterize()) {
            attachment.addLayer(
                    targets.get(0),
                    Method.REPARAMS_LAYER,
                    new ReparameterizeFunction(spec, hidden, layers, values));
        }
    }

    /**
     * The width of one prefix token: all heads' keys (OpenDelta uses the hidden size, wrong for T5
     * v1.1).
     */
    private static long sizeOf(Module attention) {
        PrefixableAttention a = (PrefixableAttention) attention.shown();
        return a.heads() * a.headDim();
    }

    /**
     * The target itself when it is an attention block, else its one attention child, else {@code
     * null}.
     */
    private static Module attentionOf(Module target) {
        if (target.shown() instanceof PrefixableAttention) {
            return target;
        }
        Module found = null;
        for (Module child : target.children()) {
            if (!child.isDelta() && child.shown() instanceof PrefixableAttention) {
                if (found != null) {
                    return null;
                }
                found = child;
            }
        }
        return found;
    }
}
