package org.delta4j.delta.compacter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.delta.AbstractAdapterSpec;
import org.delta4j.delta.AbstractAdapterSpecBuilder;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.spec.ArgumentRules;
import org.delta4j.spec.Method;

/**
 * Compacter (Karimi Mahabadi et al.), as OpenDelta's {@code CompacterModel} with its defaults: an adapter after each
 * target whose samplers are PHM layers with learned rule matrices and factorised weights. Bottleneck
 * {@code hidden / reductionFactor}; both that and the module size must be divisible by
 * {@code hypercomplexDivision}. Defaults: reduction factor 16, division 4, PHM rank 1, {@code gelu_new}.
 */
public final class CompacterSpec extends AbstractAdapterSpec {
    /** OpenDelta's default reduction factor. */
    public static final int DEFAULT_REDUCTION_FACTOR = 16;
    /** OpenDelta's default hypercomplex division. */
    public static final int DEFAULT_HYPERCOMPLEX_DIVISION = 4;
    /** OpenDelta's default rank of the factorised PHM weights. */
    public static final int DEFAULT_PHM_RANK = 1;

    private final int reductionFactor;
    private final int hypercomplexDivision;
    private final int phmRank;

    private CompacterSpec(Builder b) {
        super(b);
        this.reductionFactor = b.reductionFactor;
        this.hypercomplexDivision = b.hypercomplexDivision;
        this.phmRank = b.phmRank;
    }

    /** @return a builder with OpenDelta's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the module size divided by this is the bottleneck */
    public int reductionFactor() {
        return reductionFactor;
    }

    /** @return the number of Kronecker terms, {@code n} */
    public int hypercomplexDivision() {
        return hypercomplexDivision;
    }

    /** @return the rank of each factorised PHM weight */
    public int phmRank() {
        return phmRank;
    }

    @Override
    public String method() {
        return Method.COMPACTER.id();
    }

    @Override
    public List<String> defaultModules() {
        return Method.COMPACTER.defaultModules();
    }

    @Override
    public DeltaMethod implementation() {
        return new CompacterMethod(this);
    }

    @Override
    public Map<String, Object> arguments() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reduction_factor", reductionFactor);
        m.put("non_linearity", nonLinearity());
        m.put("hypercomplex_division", hypercomplexDivision);
        m.put("phm_rank", phmRank);
        m.put("factorized_phm", true);
        m.put("learn_phm", true);
        return m;
    }

    /** Builds a {@link CompacterSpec}; every setter checks its value at once. */
    public static final class Builder extends AbstractAdapterSpecBuilder<Builder> {
        private int reductionFactor = DEFAULT_REDUCTION_FACTOR;
        private int hypercomplexDivision = DEFAULT_HYPERCOMPLEX_DIVISION;
        private int phmRank = DEFAULT_PHM_RANK;

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
         * @param n at least 1; must divide the module size and the bottleneck
         * @return this builder
         */
        public Builder hypercomplexDivision(int n) {
            this.hypercomplexDivision = ArgumentRules.atLeastOne("hypercomplexDivision", n);
            return this;
        }

        /**
         * @param rank at least 1
         * @return this builder
         */
        public Builder phmRank(int rank) {
            this.phmRank = ArgumentRules.atLeastOne("phmRank", rank);
            return this;
        }

        /** @return the spec */
        public CompacterSpec build() {
            return new CompacterSpec(this);
        }
    }
}
