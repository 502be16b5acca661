package org.delta4j.delta.lowrank;

import org.delta4j.delta.AbstractAdapterSpec;
import org.delta4j.delta.AbstractAdapterSpecBuilder;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.spec.LowRankAdapterDeclaration;
import org.delta4j.spec.Method;

/**
 * A low-rank adapter, as OpenDelta's {@code LowRankAdapterModel}: an adapter after each target
 * whose two samplers have rank-{@code rank} weights, bottleneck {@code hidden / reductionFactor}.
 * Its arguments and their defaults are {@link LowRankAdapterDeclaration}'s.
 */
public final class LowRankAdapterSpec extends AbstractAdapterSpec {
    private LowRankAdapterSpec(Builder b) {
        super(b);
    }

    /**
     * @return a builder with OpenDelta's defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the module size divided by this is the bottleneck
     */
    public int reductionFactor() {
        return value(LowRankAdapterDeclaration.REDUCTION_FACTOR);
    }

    /**
     * @return the rank of each sampler's weight
     */
    public int rank() {
        return value(LowRankAdapterDeclaration.RANK);
    }

    @Override
    public DeltaMethod implementation() {
        return new LowRankAdapterMethod(this);
    }

    /** Builds a {@link LowRankAdapterSpec}; every setter checks its value at once. */
    public static final class Builder extends AbstractAdapterSpecBuilder<Builder> {
        private Builder() {
            super(Method.LOW_RANK_ADAPTER);
        }

        /**
         * @param reductionFactor at least 1
         * @return this builder
         */
        public Builder reductionFactor(int reductionFactor) {
            return set(LowRankAdapterDeclaration.REDUCTION_FACTOR, reductionFactor);
        }

        /**
         * @param rank at least 1
         * @return this builder
         */
        public Builder rank(int rank) {
            return set(LowRankAdapterDeclaration.RANK, rank);
        }

        @Override
        public LowRankAdapterSpec build() {
            return new LowRankAdapterSpec(this);
        }
    }
}
