package org.delta4j.delta.lowrank;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.delta.AbstractAdapterSpec;
import org.delta4j.delta.AbstractAdapterSpecBuilder;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.spec.ArgumentRules;
import org.delta4j.spec.Method;

/**
 * A low-rank adapter, as OpenDelta's {@code LowRankAdapterModel}: an adapter after each target whose two samplers
 * have rank-{@code rank} weights, bottleneck {@code hidden / reductionFactor}. Defaults: reduction factor 32,
 * rank 1, {@code gelu_new}.
 */
public final class LowRankAdapterSpec extends AbstractAdapterSpec {
    /** OpenDelta's default reduction factor. */
    public static final int DEFAULT_REDUCTION_FACTOR = 32;
    /** OpenDelta's default rank. */
    public static final int DEFAULT_RANK = 1;

    private final int reductionFactor;
    private final int rank;

    private LowRankAdapterSpec(Builder b) {
        super(b);
        this.reductionFactor = b.reductionFactor;
        this.rank = b.rank;
    }

    /** @return a builder with OpenDelta's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the module size divided by this is the bottleneck */
    public int reductionFactor() {
        return reductionFactor;
    }

    /** @return the rank of each sampler's weight */
    public int rank() {
        return rank;
    }

    @Override
    public String method() {
        return Method.LOW_RANK_ADAPTER.id();
    }

    @Override
    public List<String> defaultModules() {
        return Method.LOW_RANK_ADAPTER.defaultModules();
    }

    @Override
    public DeltaMethod implementation() {
        return new LowRankAdapterMethod(this);
    }

    @Override
    public Map<String, Object> arguments() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reduction_factor", reductionFactor);
        m.put("non_linearity", nonLinearity());
        m.put("low_rank_w_init", "glorot-uniform");
        m.put("low_rank_rank", rank);
        return m;
    }

    /** Builds a {@link LowRankAdapterSpec}; every setter checks its value at once. */
    public static final class Builder extends AbstractAdapterSpecBuilder<Builder> {
        private int reductionFactor = DEFAULT_REDUCTION_FACTOR;
        private int rank = DEFAULT_RANK;

        private Builder() {}

        /**
         * @param reductionFactor at least 1
         * @return this builder
         */
        public Builder reductionFactor(int reductionFactor) {
            this.reductionFactor = ArgumentRules.atLeastOne("reductionFactor", reductionFactor);
            return this;
        }

        /**
         * @param rank at least 1
         * @return this builder
         */
        public Builder rank(int rank) {
            this.rank = ArgumentRules.atLeastOne("rank", rank);
            return this;
        }

        /** @return the spec */
        public LowRankAdapterSpec build() {
            return new LowRankAdapterSpec(this);
        }
    }
}
