package org.delta4j.delta.adapter;

import org.delta4j.delta.Attachment;
import org.delta4j.delta.BottleneckSizes;
import org.delta4j.delta.PerModuleMethod;
import org.delta4j.tree.Module;

/** Puts an {@link AdapterLayer} after each target module. */
final class AdapterMethod extends PerModuleMethod {
    private static final String NAME = "Adapter";

    private final AdapterSpec spec;

    AdapterMethod(AdapterSpec spec) {
        this.spec = spec;
    }

    @Override
    public String layerName() {
        return "adapter";
    }

    @Override
    public void check(Module target) {
        BottleneckSizes.hidden(NAME, target);
    }

    @Override
    protected void attachTo(Module target, Attachment attachment) {
        long hidden = BottleneckSizes.hidden(NAME, target);
        attachment.addLayer(target, layerName(), new AdapterLayer(hidden, spec.bottleneck(), spec.nonLinearity()));
    }
}
