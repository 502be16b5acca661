package org.delta4j.delta.adapter;

import org.delta4j.delta.AbstractAdapterSpec;
import org.delta4j.delta.AbstractAdapterSpecBuilder;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.spec.AdapterDeclaration;
import org.delta4j.spec.Method;

/**
 * A bottleneck adapter (Houlsby et al.) inserted sequentially after each target module, as
 * OpenDelta's {@code AdapterModel}: {@code h + up(act(down(h)))} on the target's output {@code h}.
 * Its arguments and their defaults are {@link AdapterDeclaration}'s.
 */
public final class AdapterSpec extends AbstractAdapterSpec {
    private AdapterSpec(Builder b) {
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
        return value(AdapterDeclaration.BOTTLENECK);
    }

    @Override
    public DeltaMethod implementation() {
        return new AdapterMethod(this);
    }

    /** Builds an {@link AdapterSpec}; every setter checks its value at once. */
    public static final class Builder extends AbstractAdapterSpecBuilder<Builder> {
        private Builder() {
            super(Method.ADAPTER);
        }

        /**
         * @param bottleneck the bottleneck size, at least 1
         * @return this builder
         */
        public Builder bottleneck(int bottleneck) {
            return set(AdapterDeclaration.BOTTLENECK, bottleneck);
        }

        @Override
        public AdapterSpec build() {
            return new AdapterSpec(this);
        }
    }
}
