package org.delta4j.delta;

import org.delta4j.nn.Features;
import org.delta4j.spec.Problem;
import org.delta4j.spec.SpecException;
import org.delta4j.tree.Module;

/** The sizes of the adapters whose bottleneck is the module's size divided by a reduction factor. */
public final class BottleneckSizes {
    private BottleneckSizes() {}

    /**
     * @param method the method's name, for errors
     * @param target the module the adapter follows
     * @return the module's output size
     * @throws SpecException when it is unknown
     */
    public static long hidden(String method, Module target) {
        return Features.out(target.shown()).orElseThrow(() -> new SpecException(Problem.UNSUPPORTED_MODULE,
                Problem.UNSUPPORTED_MODULE.format(method, target.path(), target.type(),
                        "its output size is unknown. Target a linear layer, a layer norm or a transformer sub-layer.")));
    }

    /**
     * @param method the method's name, for errors
     * @param target the module the adapter follows
     * @param reductionFactor the reduction factor
     * @return {@code hidden / reductionFactor}, at least 1
     * @throws SpecException when the reduction leaves no bottleneck
     */
    public static long bottleneck(String method, Module target, int reductionFactor) {
        long hidden = hidden(method, target);
        long bottleneck = hidden / reductionFactor;
        if (bottleneck < 1) {
            throw new SpecException(Problem.INDIVISIBLE, Problem.INDIVISIBLE.format(method, target.path(),
                    "its size " + hidden + " divided by reductionFactor = " + reductionFactor
                            + " leaves no bottleneck. Use a reductionFactor of at most " + hidden + "."));
        }
        return bottleneck;
    }
}
