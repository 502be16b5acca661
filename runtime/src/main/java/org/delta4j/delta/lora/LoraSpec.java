package org.delta4j.delta.lora;

import org.delta4j.delta.AbstractDeltaSpec;
import org.delta4j.delta.AbstractDeltaSpecBuilder;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.spec.LoraDeclaration;
import org.delta4j.spec.Method;

/**
 * LoRA (Hu et al.) in parallel to each target linear layer, as OpenDelta's {@code LoraModel}:
 * {@code W x + b + dropout(x) A^T B^T * alpha / r}, with {@code B} starting at zero so the output
 * is unchanged at init. Its arguments and their defaults are {@link LoraDeclaration}'s.
 */
public final class LoraSpec extends AbstractDeltaSpec {
    private LoraSpec(Builder b) {
        super(b);
    }

    /**
     * @return a builder with OpenDelta's defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the rank
     */
    public int r() {
        return value(LoraDeclaration.R);
    }

    /**
     * @return the scaling numerator; the update is scaled by {@code alpha / r}
     */
    public double alpha() {
        return value(LoraDeclaration.ALPHA);
    }

    /**
     * @return the dropout probability on the LoRA path
     */
    public double dropout() {
        return value(LoraDeclaration.DROPOUT);
    }

    @Override
    public DeltaMethod implementation() {
        return new LoraMethod(this);
    }

    /** Builds a {@link LoraSpec}; every setter checks its value at once. */
    public static final class Builder extends AbstractDeltaSpecBuilder<Builder> {
        private Builder() {
            super(Method.LORA);
        }

        /**
         * @param r the rank, at least 1
         * @return this builder
         */
        public Builder r(int r) {
            return set(LoraDeclaration.R, r);
        }

        /**
         * @param alpha the scaling numerator, greater than 0
         * @return this builder
         */
        public Builder alpha(double alpha) {
            return set(LoraDeclaration.ALPHA, alpha);
        }

        /**
         * @param dropout the dropout probability on the LoRA path, in [0, 1)
         * @return this builder
         */
        public Builder dropout(double dropout) {
            return set(LoraDeclaration.DROPOUT, dropout);
        }

        @Override
        public LoraSpec build() {
            return new LoraSpec(this);
        }
    }
}
