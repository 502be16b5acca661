package org.delta4j.delta.compacter;

import org.delta4j.delta.Addressing;
import org.delta4j.delta.Attachment;
import org.delta4j.delta.PerModuleMethod;
import org.delta4j.nn.Features;
import org.delta4j.spec.Method;
import org.delta4j.tree.Module;

/**
 * Puts a {@link HyperComplexAdapterLayer} after each target module, under OpenDelta's name {@code
 * compactor}.
 */
final class CompacterMethod extends PerModuleMethod {
    private final CompacterSpec spec;

    CompacterMethod(CompacterSpec spec) {
        this.spec = spec;
    }

    @Override
    public String layerName() {
        return Method.COMPACTER.layerName();
    }

    @Override
    public void check(Module target, Addressing addressing) {
        spec.checkTarget(addressing.structure(), addressing.structureOf(target.path()));
    }

    @Override
    protected void attachTo(Module target, Attachment attachment) {
        long hidden = Features.out(target.shown()).getAsLong();
        long bottleneck = hidden / spec.reductionFactor();
        attachment.addLayer(
                target, layerName(), new HyperComplexAdapterLayer(hidden, bottleneck, spec));
    }
}
