package org.delta4j.delta.adapter;

import org.delta4j.delta.Attachment;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.nn.Features;
import org.delta4j.spec.Problem;
import org.delta4j.spec.SpecException;
import org.delta4j.tree.Module;

/** Puts an {@link AdapterLayer} after each target module. */
final class AdapterMethod implements DeltaMethod {
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
        if (Features.out(target.shown()).isEmpty()) {
            throw new SpecException(Problem.UNSUPPORTED_MODULE, Problem.UNSUPPORTED_MODULE.format(
                    "Adapter", target.path(), target.type(),
                    "its output size is unknown. Target a linear layer, a layer norm or a transformer sub-layer."));
        }
    }

    @Override
    public void attach(Module target, Attachment attachment) {
        long hidden = Features.out(target.shown()).getAsLong();
        attachment.addLayer(target, layerName(), new AdapterLayer(hidden, spec.bottleneck(), spec.nonLinearity()));
    }
}
