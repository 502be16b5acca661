package org.delta4j.delta.paralleladapter;

import java.util.ArrayList;
import java.util.List;
import org.delta4j.delta.Addressing;
import org.delta4j.delta.Attachment;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.delta.DeltaSpec;
import org.delta4j.delta.host.Placement;
import org.delta4j.nn.Features;
import org.delta4j.spec.Problem;
import org.delta4j.spec.SpecException;
import org.delta4j.tree.Module;

/**
 * Spans each pair of modules with one {@link ParallelAdapterLayer}. Patterns are read in pairs, (from, to): the
 * i-th module that {@code from} matches pairs with the i-th module that {@code to} matches, in tree order; an odd
 * last pattern pairs with itself (the adapter spans that one module). OpenDelta pairs by counting matches instead,
 * and fails on an odd pattern count.
 */
final class ParallelAdapterMethod implements DeltaMethod {
    private final ParallelAdapterSpec spec;

    ParallelAdapterMethod(ParallelAdapterSpec spec) {
        this.spec = spec;
    }

    @Override
    public String layerName() {
        return "parallel_adapter";
    }

    /** @return the pairs, flattened: from, to, from, to, ... */
    @Override
    public List<String> targets(Addressing addressing, DeltaSpec delta) {
        List<String> patterns = addressing.patternsOf(delta);
        List<String> paths = addressing.tree().backbonePaths();
        List<String> flat = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i += 2) {
            String from = patterns.get(i);
            String to = i + 1 < patterns.size() ? patterns.get(i + 1) : from;
            List<String> froms = addressing.select(List.of(from), delta.exclude());
            List<String> tos = addressing.select(List.of(to), delta.exclude());
            if (froms.size() != tos.size()) {
                throw new SpecException(Problem.UNPAIRED, Problem.UNPAIRED.format("ParallelAdapter pairs \"" + from
                        + "\" with \"" + to + "\", but " + froms.size() + " modules match the first and " + tos.size()
                        + " the second: " + froms + " and " + tos + ". Give patterns that match one module for each."));
            }
            for (int j = 0; j < froms.size(); j++) {
                if (paths.indexOf(froms.get(j)) > paths.indexOf(tos.get(j))) {
                    throw new SpecException(Problem.UNPAIRED, Problem.UNPAIRED.format("ParallelAdapter pairs \""
                            + froms.get(j) + "\" with \"" + tos.get(j) + "\", which comes before it; give the "
                            + "patterns in the order the model runs them."));
                }
                flat.add(froms.get(j));
                flat.add(tos.get(j));
            }
        }
        return flat;
    }

    @Override
    public void check(Module target) {
        if (Features.in(target.shown()).isEmpty() || Features.out(target.shown()).isEmpty()) {
            throw new SpecException(Problem.UNSUPPORTED_MODULE, Problem.UNSUPPORTED_MODULE.format(
                    "ParallelAdapter", target.path(), target.type(),
                    "its input or output size is unknown. Target linear layers, attention blocks or transformer layers."));
        }
    }

    @Override
    public void attach(List<Module> targets, Attachment attachment) {
        for (int i = 0; i < targets.size(); i += 2) {
            Module from = targets.get(i);
            Module to = targets.get(i + 1);
            ParallelAdapterLayer layer = new ParallelAdapterLayer(Features.in(from.shown()).getAsLong(),
                    spec.bottleneck(), Features.out(to.shown()).getAsLong(), spec.nonLinearity(), (float) spec.scaled());
            attachment.addLayer(from, layerName(), layer, Placement.BEFORE);
            attachment.addLayer(to, layerName(), layer, Placement.AFTER);
        }
    }
}
