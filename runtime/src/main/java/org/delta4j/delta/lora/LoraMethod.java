package org.delta4j.delta.lora;

import org.delta4j.delta.Addressing;
import org.delta4j.delta.Attachment;
import org.delta4j.delta.PerModuleMethod;
import org.delta4j.nn.Features;
import org.delta4j.spec.Method;
import org.delta4j.tree.Module;

/** Puts a {@link LowRankLinear} in parallel to each target linear layer. */
final class LoraMethod extends PerModuleMethod {
    private final LoraSpec spec;

    LoraMethod(LoraSpec spec) {
        this.spec = spec;
    }

    @Override
    public String layerName() {
        return Method.LORA.layerName();
    }

    @Override
    public void check(Module target, Addressing addressing) {
        spec.checkTarget(addressing.structure(), addressing.structureOf(target.path()));
    }

    @Override
    protected void attachTo(Module target, Attachment attachment) {
        long in = Features.in(target.shown()).getAsLong();
        long out = Features.out(target.shown()).getAsLong();
        attachment.addLayer(
                target, layerName(), new LowRankLinear(in, out, spec, LinearWeight.of(target)));
    }
}
