package org.delta4j.delta.lora;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.delta.AbstractDeltaSpec;
import org.delta4j.delta.AbstractDeltaSpecBuilder;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.spec.ArgumentRules;
import org.delta4j.spec.Method;

/**
 * LoRA (Hu et al.) in parallel to each target linear layer, as OpenDelta's {@code LoraModel}:
 * {@code W x + b + dropout(x) A^T B^T * alpha / r}, with {@code B} starting at zero so the output is unchanged at
 * init. Defaults: r 8, alpha 16, dropout 0.
 */
public final class LoraSpec extends AbstractDeltaSpec {
    /** OpenDelta's default rank. */
    public static final int DEFAULT_R = 8;
    /** OpenDelta's default alpha. */
    public static final double DEFAULT_ALPHA = 16;
    /** OpenDelta's default dropout. */
    public static final double DEFAULT_DROPOUT = 0.0;

    private final int r;
    private final double alpha;
    private final double dropout;

    private LoraSpec(Builder b) {
        super(b);
        this.r = b.r;
        this.alpha = b.alpha;
        this.dropout = b.dropout;
    }

    /** @return a builder with OpenDelta's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the rank */
    public int r() {
        return r;
    }

    /** @return the scaling numerator; the update is scaled by {@code alpha / r} */
    public double alpha() {
        return alpha;
    }

    /** @return the dropout probability on the LoRA path */
    public double dropout() {
        return dropout;
    }

    @Override
    public String method() {
        return Method.LORA.id();
    }

    @Override
    public List<String> defaultModules() {
        return Method.LORA.defaultModules();
    }

    @Override
    public DeltaMethod implementation() {
        return new LoraMethod(this);
    }

    @Override
    public Map<String, Object> arguments() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lora_r", r);
        m.put("lora_alpha", alpha);
        m.put("lora_dropout", dropout);
        return m;
    }

    /** Builds a {@link LoraSpec}; every setter checks its value at once. */
    public static final class Builder extends AbstractDeltaSpecBuilder<Builder> {
        private int r = DEFAULT_R;
        private double alpha = DEFAULT_ALPHA;
        private double dropout = DEFAULT_DROPOUT;

        private Builder() {}

        /**
         * @param r the rank, at least 1
         * @return this builder
         */
        public Builder r(int r) {
            this.r = ArgumentRules.atLeastOne("r", r);
            return this;
        }

        /**
         * @param alpha the scaling numerator, greater than 0
         * @return this builder
         */
        public Builder alpha(double alpha) {
            this.alpha = ArgumentRules.positive("alpha", alpha);
            return this;
        }

        /**
         * @param dropout the dropout probability on the LoRA path, in [0, 1)
         * @return this builder
         */
        public Builder dropout(double dropout) {
            this.dropout = ArgumentRules.dropout("dropout", dropout);
            return this;
        }

        /** @return the spec */
        public LoraSpec build() {
            return new LoraSpec(this);
        }
    }
}
