package org.delta4j.delta.lowrank;

import org.delta4j.delta.Attachment;
import org.delta4j.delta.BottleneckSizes;
import org.delta4j.delta.PerModuleMethod;
import org.delta4j.tree.Module;

/** Puts a {@link LowRankAdapter} after each target module. */
final class LowRankAdapterMethod extends PerModuleMethod {
    private static final String NAME = "LowRankAdapter";

    private final LowRankAdapterSpec spec;

    LowRankAdapterMethod(LowRankAdapterSpec spec) {
        this.spec = spec;
    }

    @Override
    public String layerName() {
        return "low_rank_adapter";
    }

    @Override
    public void check(Module target) {
        BottleneckSizes.bottleneck(NAME, target, spec.reductionFactor());
    }

    @Override
    protected void attachTo(Module target, Attachment attachment) {
        long hidden = BottleneckSizes.hidden(NAME, target);
        long bottleneck = BottleneckSizes.bottleneck(NAME, target, spec.reductionFactor());
        attachment.addLayer(target, layerName(), new LowRankAdapter(hidden, bottleneck, spec));
    }
}
