package org.delta4j.delta.compacter;

import org.delta4j.delta.AbstractAdapterSpec;
import org.delta4j.delta.AbstractAdapterSpecBuilder;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.spec.CompacterDeclaration;
import org.delta4j.spec.Method;

/**
 * Compacter (Karimi Mahabadi et al.), as OpenDelta's {@code CompacterModel} with its defaults: an
 * adapter after each target whose samplers are PHM layers with learned rule matrices and factorised
 * weights. Bottleneck {@code hidden / reductionFactor}; both that and the module size must be
 * divisible by {@code hypercomplexDivision}. Its arguments and their defaults are {@link
 * CompacterDeclaration}'s.
 */
public final class CompacterSpec extends AbstractAdapterSpec {
    private CompacterSpec(Builder b) {
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
        return value(CompacterDeclaration.REDUCTION_FACTOR);
    }

    /**
     * @return the number of Kronecker terms, {@code n}
     */
    public int hypercomplexDivision() {
        return value(CompacterDeclaration.HYPERCOMPLEX_DIVISION);
    }

    /**
     * @return the rank of each factorised PHM weight
     */
    public int phmRank() {
        return value(CompacterDeclaration.PHM_RANK);
    }

    @Override
    public DeltaMethod implementation() {
        return new CompacterMethod(this);
    }

    /** Builds a {@link CompacterSpec}; every setter checks its value at once. */
    public static final class Builder extends AbstractAdapterSpecBuilder<Builder> {
        private Builder() {
            super(Method.COMPACTER);
        }

        /**
         * @param reductionFactor at least 1
         * @return this builder
         */
        public Builder reductionFactor(int reductionFactor) {
            return set(CompacterDeclaration.REDUCTION_FACTOR, reductionFactor);
        }

        /**
         * @param n at least 1; must divide the module size and the bottleneck
         * @return this builder
         */
        public Builder hypercomplexDivision(int n) {
            return set(CompacterDeclaration.HYPERCOMPLEX_DIVISION, n);
        }

        /**
         * @param rank at least 1
         * @return this builder
         */
        public Builder phmRank(int rank) {
            return set(CompacterDeclaration.PHM_RANK, rank);
        }

        @Override
        public CompacterSpec build() {
            return new CompacterSpec(this);
        }
    }
}
