package org.delta4j.delta.compacter;

import org.delta4j.delta.adapter.SamplerAdapter;

/** OpenDelta's Compacter layer: an adapter whose samplers are {@link PHMLinear}s. */
public final class HyperComplexAdapterLayer extends SamplerAdapter {
    /**
     * @param hidden the module's output size
     * @param bottleneck the bottleneck size
     * @param spec division, rank and non-linearity
     */
    public HyperComplexAdapterLayer(long hidden, long bottleneck, CompacterSpec spec) {
        super(
                new PHMLinear(hidden, bottleneck, spec.hypercomplexDivision(), spec.phmRank()),
                spec.nonLinearity(),
                new PHMLinear(bottleneck, hidden, spec.hypercomplexDivision(), spec.phmRank()));
    }
}
