package org.delta4j.delta.bitfit;

import org.delta4j.delta.AbstractDeltaSpec;
import org.delta4j.delta.AbstractDeltaSpecBuilder;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.spec.Method;

/**
 * BitFit (Ben Zaken et al.), as OpenDelta's {@code BitFitModel}: trains the biases of the target
 * modules and everything under them, and adds a zero bias to linear layers that have none, eagerly,
 * so parameter counts are right before the first forward pass.
 */
public final class BitFitSpec extends AbstractDeltaSpec {

    private BitFitSpec(Builder b) {
        super(b);
    }

    /**
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public DeltaMethod implementation() {
        return new BitFitMethod(this);
    }

    /** Builds a {@link BitFitSpec}. */
    public static final class Builder extends AbstractDeltaSpecBuilder<Builder> {
        private Builder() {
            super(Method.BITFIT);
        }

        @Override
        public BitFitSpec build() {
            return new BitFitSpec(this);
        }
    }
}
