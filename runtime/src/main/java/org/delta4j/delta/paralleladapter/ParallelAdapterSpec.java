package org.delta4j.delta.paralleladapter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.delta.AbstractAdapterSpec;
import org.delta4j.delta.AbstractAdapterSpecBuilder;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.spec.ArgumentRules;
import org.delta4j.spec.Method;

/**
 * A parallel adapter (He et al.), as OpenDelta's {@code ParallelAdapterModel}: an adapter from one module's input
 * to another's output, added to that output. Modules come in pairs: {@code modules("self_attn", "self_attn", "fc1",
 * "fc2")} spans each self-attention block, and each feed-forward from {@code fc1}'s input to {@code fc2}'s output.
 * Defaults: bottleneck 24, {@code gelu_new}, scale 1.
 */
public final class ParallelAdapterSpec extends AbstractAdapterSpec {
    /** OpenDelta's default bottleneck size. */
    public static final int DEFAULT_BOTTLENECK = 24;
    /** OpenDelta's scale of the adapter output (its config has it; its model never changes it). */
    public static final double DEFAULT_SCALED = 1.0;

    private final int bottleneck;
    private final double scaled;

    private ParallelAdapterSpec(Builder b) {
        super(b);
        this.bottleneck = b.bottleneck;
        this.scaled = b.scaled;
    }

    /** @return a builder with OpenDelta's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the bottleneck size */
    public int bottleneck() {
        return bottleneck;
    }

    /** @return the factor on the adapter's output */
    public double scaled() {
        return scaled;
    }

    @Override
    public String method() {
        return Method.PARALLEL_ADAPTER.id();
    }

    @Override
    public List<String> defaultModules() {
        return Method.PARALLEL_ADAPTER.defaultModules();
    }

    @Override
    public DeltaMethod implementation() {
        return new ParallelAdapterMethod(this);
    }

    @Override
    public Map<String, Object> arguments() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bottleneck_dim", bottleneck);
        m.put("non_linearity", nonLinearity());
        m.put("scaled", scaled);
        return m;
    }

    /** Builds a {@link ParallelAdapterSpec}; every setter checks its value at once. */
    public static final class Builder extends AbstractAdapterSpecBuilder<Builder> {
        private int bottleneck = DEFAULT_BOTTLENECK;
        private double scaled = DEFAULT_SCALED;

        private Builder() {}

        /**
         * @param bottleneck at least 1
         * @return this builder
         */
        public Builder bottleneck(int bottleneck) {
            this.bottleneck = ArgumentRules.atLeastOne("bottleneck", bottleneck);
            return this;
        }

        /**
         * @param scaled the factor on the adapter's output, greater than 0
         * @return this builder
         */
        public Builder scaled(double scaled) {
            this.scaled = ArgumentRules.positive("scaled", scaled);
            return this;
        }

        /** @return the spec */
        public ParallelAdapterSpec build() {
            return new ParallelAdapterSpec(this);
        }
    }
}
