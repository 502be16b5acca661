package org.delta4j.delta.adapter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.delta.AbstractAdapterSpec;
import org.delta4j.delta.AbstractAdapterSpecBuilder;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.spec.ArgumentRules;
import org.delta4j.spec.Method;

/**
 * A bottleneck adapter (Houlsby et al.) inserted sequentially after each target module, as OpenDelta's
 * {@code AdapterModel}: {@code h + up(act(down(h)))} on the target's output {@code h}. Defaults: bottleneck 24,
 * {@code gelu_new}.
 */
public final class AdapterSpec extends AbstractAdapterSpec {
    /** OpenDelta's default bottleneck size. */
    public static final int DEFAULT_BOTTLENECK = 24;

    private final int bottleneck;

    private AdapterSpec(Builder b) {
        super(b);
        this.bottleneck = b.bottleneck;
    }

    /** @return a builder with OpenDelta's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the bottleneck size */
    public int bottleneck() {
        return bottleneck;
    }

    @Override
    public String method() {
        return Method.ADAPTER.id();
    }

    @Override
    public List<String> defaultModules() {
        return Method.ADAPTER.defaultModules();
    }

    @Override
    public DeltaMethod implementation() {
        return new AdapterMethod(this);
    }

    @Override
    public Map<String, Object> arguments() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bottleneck_dim", bottleneck);
        m.put("non_linearity", nonLinearity());
        return m;
    }

    /** Builds an {@link AdapterSpec}; every setter checks its value at once. */
    public static final class Builder extends AbstractAdapterSpecBuilder<Builder> {
        private int bottleneck = DEFAULT_BOTTLENECK;

        private Builder() {}

        /**
         * @param bottleneck the bottleneck size, at least 1
         * @return this builder
         */
        public Builder bottleneck(int bottleneck) {
            this.bottleneck = ArgumentRules.atLeastOne("bottleneck", bottleneck);
            return this;
        }

        /** @return the spec */
        public AdapterSpec build() {
            return new AdapterSpec(this);
        }
    }
}
