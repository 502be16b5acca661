package org.delta4j.delta.prefix;

import org.delta4j.delta.AbstractDeltaSpec;
import org.delta4j.delta.AbstractDeltaSpecBuilder;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.spec.Method;
import org.delta4j.spec.PrefixDeclaration;

/**
 * Prefix tuning (Li and Liang), as OpenDelta's {@code PrefixModel}: trainable keys and values in
 * front of every target attention block's own, by default computed through an MLP
 * (reparameterisation). Targets are attention blocks, or modules with exactly one attention block
 * among their children (T5's {@code layer.0}). Its arguments and their defaults are {@link
 * PrefixDeclaration}'s.
 */
public final class PrefixSpec extends AbstractDeltaSpec {
    private PrefixSpec(Builder b) {
        super(b);
    }

    /**
     * @return a builder with OpenDelta's defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the number of prefix tokens, {@code p}
     */
    public int prefixTokenNum() {
        return value(PrefixDeclaration.PREFIX_TOKEN_NUM);
    }

    /**
     * @return whether an MLP computes the prefixes
     */
    public boolean reparameterize() {
        return value(PrefixDeclaration.REPARAMETERIZE);
    }

    /**
     * @return the reparameterisation's embedding size
     */
    public int embedDim() {
        return value(PrefixDeclaration.EMBED_DIM);
    }

    /**
     * @return the reparameterisation's hidden size
     */
    public int midDim() {
        return value(PrefixDeclaration.MID_DIM);
    }

    @Override
    public DeltaMethod implementation() {
        return new PrefixMethod(this);
    }

    /** Builds a {@link PrefixSpec}; every setter checks its value at once. */
    public static final class Builder extends AbstractDeltaSpecBuilder<Builder> {
        private Builder() {
            super(Method.PREFIX);
        }

        /**
         * @param tokens at least 1
         * @return this builder
         */
        public Builder prefixTokenNum(int tokens) {
            return set(PrefixDeclaration.PREFIX_TOKEN_NUM, tokens);
        }

        /**
         * @param reparameterize whether an MLP computes the prefixes
         * @return this builder
         */
        public Builder reparameterize(boolean reparameterize) {
            return set(PrefixDeclaration.REPARAMETERIZE, reparameterize);
        }

        /**
         * @param embedDim at least 1
         * @return this builder
         */
        public Builder embedDim(int embedDim) {
            return set(PrefixDeclaration.EMBED_DIM, embedDim);
        }

        /**
         * @param midDim at least 1
         * @return this builder
         */
        public Builder midDim(int midDim) {
            return set(PrefixDeclaration.MID_DIM, midDim);
        }

        @Override
        public PrefixSpec build() {
            return new PrefixSpec(this);
        }
    }
}
