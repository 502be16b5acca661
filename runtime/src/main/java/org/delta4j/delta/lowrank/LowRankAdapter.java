package org.delta4j.delta.lowrank;

import org.delta4j.delta.adapter.SamplerAdapter;

/**
 * OpenDelta's {@code LowRankAdapter}: an adapter whose samplers are {@link LowRankLinear}s, {@code
 * hidden -> hidden / reduction_factor -> hidden}.
 */
public final class LowRankAdapter extends SamplerAdapter {
    /**
     * @param hidden the module's output size
     * @param bottleneck the bottleneck size
     * @param spec rank and non-linearity
     */
    public LowRankAdapter(long hidden, long bottleneck, LowRankAdapterSpec spec) {
        super(
                new LowRankLinear(hidden, bottleneck, spec.rank()),
                spec.nonLinearity(),
                new LowRankLinear(bottleneck, hidden, spec.rank()));
    }
}
