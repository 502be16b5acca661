package org.delta4j.delta.bitfit;

import org.delta4j.delta.Addressing;
import org.delta4j.delta.Attachment;
import org.delta4j.delta.PerModuleMethod;
import org.delta4j.nn.Features;
import org.delta4j.nn.Linear;
import org.delta4j.spec.Method;
import org.delta4j.tree.Module;

/**
 * Trains biases, as OpenDelta's BitFit: every module in a target's subtree that owns a {@code bias}
 * has it adopted as a delta parameter; a delta4j linear layer without one gets a new zero bias; any
 * other module with parameters but no bias of its own to train (a bias-free DJL linear layer, an
 * RMS norm) gets a {@link BiasLayer} after it. Unlike OpenDelta, new biases start at zero, so the
 * backbone's output is unchanged until they train.
 */
final class BitFitMethod extends PerModuleMethod {
    private final BitFitSpec spec;

    BitFitMethod(BitFitSpec spec) {
        this.spec = spec;
    }

    @Override
    public String layerName() {
        return Method.BITFIT.layerName();
    }

    /** What BitFit does to one module. */
    private enum Action {
        ADOPT_BIAS,
        ADD_BIAS,
        ADD_BIAS_LAYER,
        NOTHING
    }

    @Override
    public void check(Module target, Addressing addressing) {
        spec.checkTarget(addressing.structure(), addressing.structureOf(target.path()));
    }

    @Override
    protected void attachTo(Module target, Attachment attachment) {
        switch (actionFor(target)) {
            case ADOPT_BIAS:
                attachment.adopt(target.pathOf("bias"), target.parameters().get("bias"));
                break;
            case ADD_BIAS:
                attachment.addBias(target, (Linear) target.shown());
                break;
            case ADD_BIAS_LAYER:
                attachment.addLayer(
                        target,
                        layerName(),
                        new BiasLayer(Features.out(target.shown()).getAsLong()));
                break;
            default:
                break;
        }
        for (Module child : target.children()) {
            if (!child.isDelta()) {
                attachTo(child, attachment);
            }
        }
    }

    private static Action actionFor(Module m) {
        if (m.parameters().containsKey("bias")) {
            return Action.ADOPT_BIAS;
        }
        if (m.shown() instanceof Linear) {
            return Action.ADD_BIAS;
        }
        if (!m.parameters().isEmpty()
                && m.children().isEmpty()
                && Features.out(m.shown()).isPresent()) {
            return Action.ADD_BIAS_LAYER;
        }
        return Action.NOTHING;
    }
}
