package org.delta4j.delta.adapter;

import org.delta4j.delta.Addressing;
import org.delta4j.delta.Attachment;
import org.delta4j.delta.PerModuleMethod;
import org.delta4j.nn.Features;
import org.delta4j.spec.Method;
import org.delta4j.tree.Module;

/** Puts an {@link AdapterLayer} after each target module. */
final class AdapterMethod extends PerModuleMethod {
    private final AdapterSpec spec;

    AdapterMethod(AdapterSpec spec) {
        this.spec = spec;
    }

    @Override
    public String layerName() {
        return Method.ADAPTER.layerName();
    }

    @Override
    public void check(Module target, Addressing addressing) {
        spec.checkTarget(addressing.structure(), addressing.structureOf(target.path()));
    }

    @Override
    protected void attachTo(Module target, Attachment attachment) {
        long hidden = Features.out(target.shown()).getAsLong();
        attachment.addLayer(
                target,
                layerName(),
                new AdapterLayer(hidden, spec.bottleneck(), spec.nonLinearity()));
    }
}
