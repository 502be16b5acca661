package org.delta4j.delta.bitfit;

import java.util.List;
import java.util.Map;
import org.delta4j.delta.AbstractDeltaSpec;
import org.delta4j.delta.AbstractDeltaSpecBuilder;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.spec.Method;

/**
 * BitFit (Ben Zaken et al.), as OpenDelta's {@code BitFitModel}: trains the biases of the target modules and
 * everything under them, and adds a zero bias to linear layers that have none, eagerly, so parameter counts are
 * right before the first forward pass.
 */
public final class BitFitSpec extends AbstractDeltaSpec {

    private BitFitSpec(Builder b) {
        super(b);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String method() {
        return Method.BITFIT.id();
    }

    @Override
    public List<String> defaultModules() {
        return Method.BITFIT.defaultModules();
    }

    @Override
    public DeltaMethod implementation() {
        return new BitFitMethod();
    }

    @Override
    public Map<String, Object> arguments() {
        return Map.of();
    }

    /** Builds a {@link BitFitSpec}. */
    public static final class Builder extends AbstractDeltaSpecBuilder<Builder> {
        private Builder() {}

        /** @return the spec */
        public BitFitSpec build() {
            return new BitFitSpec(this);
        }
    }
}
