package org.delta4j.delta.paralleladapter;

import org.delta4j.delta.AbstractAdapterSpec;
import org.delta4j.delta.AbstractAdapterSpecBuilder;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.spec.Method;
import org.delta4j.spec.ParallelAdapterDeclaration;

/**
 * A parallel adapter (He et al.), as OpenDelta's {@code ParallelAdapterModel}: an adapter from one
 * module's input to another's output, added to that output. Modules come in pairs: {@code
 * modules("self_attn", "self_attn", "fc1", "fc2")} spans each self-attention block, and each
 * feed-forward from {@code fc1}'s input to {@code fc2}'s output. Its arguments and their defaults
 * are {@link ParallelAdapterDeclaration}'s.
 */
public final class ParallelAdapterSpec extends AbstractAdapterSpec {
    private ParallelAdapterSpec(Builder b) {
        super(b);
    }

    /**
     * @return a builder with OpenDelta's defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the bottleneck size
     */
    public int bottleneck() {
        return value(ParallelAdapterDeclaration.BOTTLENECK);
    }

    /**
     * @return the factor on the adapter's output
     */
    public double scaled() {
        return value(ParallelAdapterDeclaration.SCALED);
    }

    @Override
    public DeltaMethod implementation() {
        return new ParallelAdapterMethod(this);
    }

    /** Builds a {@link ParallelAdapterSpec}; every setter checks its value at once. */
    public static final class Builder extends AbstractAdapterSpecBuilder<Builder> {
        private Builder() {
            super(Method.PARALLEL_ADAPTER);
        }

        /**
         * @param bottleneck at least 1
         * @return this builder
         */
        public Builder bottleneck(int bottleneck) {
            return set(ParallelAdapterDeclaration.BOTTLENECK, bottleneck);
        }

        /**
         * @param scaled the factor on the adapter's output, greater than 0
         * @return this builder
         */
        public Builder scaled(double scaled) {
            return set(ParallelAdapterDeclaration.SCALED, scaled);
        }

        @Override
        public ParallelAdapterSpec build() {
            return new ParallelAdapterSpec(this);
        }
    }
}
