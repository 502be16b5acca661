package org.delta4j.delta.compacter;

import org.delta4j.delta.Attachment;
import org.delta4j.delta.BottleneckSizes;
import org.delta4j.delta.PerModuleMethod;
import org.delta4j.spec.Problem;
import org.delta4j.spec.SpecException;
import org.delta4j.tree.Module;

/** Puts a {@link HyperComplexAdapterLayer} after each target module, under OpenDelta's name {@code compactor}. */
final class CompacterMethod extends PerModuleMethod {
    private static final String NAME = "Compacter";

    private final CompacterSpec spec;

    CompacterMethod(CompacterSpec spec) {
        this.spec = spec;
    }

    @Override
    public String layerName() {
        return "compactor";
    }

    @Override
    public void check(Module target) {
        long hidden = BottleneckSizes.hidden(NAME, target);
        long bottleneck = BottleneckSizes.bottleneck(NAME, target, spec.reductionFactor());
        int n = spec.hypercomplexDivision();
        if (hidden % n != 0 || bottleneck % n != 0) {
            throw new SpecException(Problem.INDIVISIBLE, Problem.INDIVISIBLE.format(NAME, target.path(),
                    "its size " + hidden + " and its bottleneck " + hidden + " / reductionFactor " + spec.reductionFactor()
                            + " = " + bottleneck + " must both be divisible by hypercomplexDivision = " + n
                            + ". Choose a reductionFactor that leaves a multiple of " + n
                            + ", or a hypercomplexDivision that divides " + bottleneck + "."));
        }
    }

    @Override
    protected void attachTo(Module target, Attachment attachment) {
        long hidden = BottleneckSizes.hidden(NAME, target);
        long bottleneck = BottleneckSizes.bottleneck(NAME, target, spec.reductionFactor());
        attachment.addLayer(target, layerName(), new HyperComplexAdapterLayer(hidden, bottleneck, spec));
    }
}
