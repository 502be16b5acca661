package org.delta4j.delta.paralleladapter;

import java.util.List;
import org.delta4j.delta.Addressing;
import org.delta4j.delta.Attachment;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.delta.DeltaSpec;
import org.delta4j.delta.host.Placement;
import org.delta4j.nn.Features;
import org.delta4j.spec.Method;
import org.delta4j.tree.Module;

/**
 * Spans each pair of modules with one {@link ParallelAdapterLayer}. Patterns are read in pairs,
 * (from, to): the i-th module that {@code from} matches pairs with the i-th module that {@code to}
 * matches, in tree order; an odd last pattern pairs with itself (the adapter spans that one
 * module). OpenDelta pairs by counting matches instead, and fails on an odd pattern count.
 */
final class ParallelAdapterMethod implements DeltaMethod {
    private final ParallelAdapterSpec spec;

    ParallelAdapterMethod(ParallelAdapterSpec spec) {
        this.spec = spec;
    }

    @Override
    public String layerName() {
        return Method.PARALLEL_ADAPTER.layerName();
    }

    /**
     * @return the pairs, flattened: from, to, from, to, ...
     */
    @Override
    public List<String> targets(Addressing addressing, DeltaSpec delta) {
        return addressing.pairs(
                Method.PARALLEL_ADAPTER.title(), addressing.patternsOf(delta), delta.exclude());
    }

    @Override
    public void check(Module target, Addressing addressing) {
        spec.checkTarget(addressing.structure(), addressing.structureOf(target.path()));
    }

    @Override
    public void attach(List<Module> targets, Attachment attachment) {
        for (int i = 0; i < targets.size(); i += 2) {
            Module from = targets.get(i);
            Module to = targets.get(i + 1);
            ParallelAdapterLayer layer =
                    new ParallelAdapterLayer(
                            Features.in(from.shown()).getAsLong(),
                            spec.bottleneck(),
                            Features.out(to.shown()).getAsLong(),
                            spec.nonLinearity(),
                            (float) spec.scaled());
            attachment.addLayer(from, layerName(), layer, Placement.BEFORE);
            attachment.addLayer(to, layerName(), layer, Placement.AFTER);
        }
    }
}
