package org.delta4j.delta.lowrank;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.delta.AbstractDeltaSpec;
import org.delta4j.delta.AbstractDeltaSpecBuilder;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.spec.Method;
import org.delta4j.spec.ArgumentRules;

/**
 * A low-rank adapter, as OpenDelta's {@code LowRankAdapterModel}: an adapter after each target whose two samplers
 * have rank-{@code rank} weights, bottleneck {@code hidden / reductionFactor}. Defaults: reduction factor 32,
 * rank 1, {@code gelu_new}.
 */
public final class LowRankAdapterSpec extends AbstractDeltaSpec {
    /** OpenDelta's default reduction factor. */
    public static final int DEFAULT_REDUCTION_FACTOR = 32;
    /** OpenDelta's default rank. */
    public static final int DEFAULT_RANK = 1;
    /** OpenDelta's default non-linearity. */
    public static final String DEFAULT_NON_LINEARITY = "gelu_new";

    private final int reductionFactor;
    private final int rank;
    private final String nonLinearity;

    private LowRankAdapterSpec(Builder b) {
        super(b);
        this.reductionFactor = b.reductionFactor;
        this.rank = b.rank;
        this.nonLinearity = b.nonLinearity;
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

    /** @return the non-linearity's name */
    public String nonLinearity() {
        return nonLinearity;
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
        m.put("non_linearity", nonLinearity);
        m.put("low_rank_w_init", "glorot-uniform");
        m.put("low_rank_rank", rank);
        return m;
    }

    /** Builds a {@link LowRankAdapterSpec}; every setter checks its value at once. */
    public static final class Builder extends AbstractDeltaSpecBuilder<Builder> {
        private int reductionFactor = DEFAULT_REDUCTION_FACTOR;
        private int rank = DEFAULT_RANK;
        private String nonLinearity = DEFAULT_NON_LINEARITY;

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

        /**
         * @param name one of {@link ArgumentRules#NON_LINEARITIES}
         * @return this builder
         */
        public Builder nonLinearity(String name) {
            this.nonLinearity = ArgumentRules.oneOf("nonLinearity", name, ArgumentRules.NON_LINEARITIES);
            return this;
        }

        /** @return the spec */
        public LowRankAdapterSpec build() {
            return new LowRankAdapterSpec(this);
        }
    }
}
