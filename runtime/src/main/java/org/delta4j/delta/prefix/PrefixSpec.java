package org.delta4j.delta.prefix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.delta.AbstractDeltaSpec;
import org.delta4j.delta.AbstractDeltaSpecBuilder;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.spec.ArgumentRules;
import org.delta4j.spec.Method;

/**
 * Prefix tuning (Li and Liang), as OpenDelta's {@code PrefixModel}: trainable keys and values in front of every
 * target attention block's own, by default computed through an MLP (reparameterisation). Targets are attention
 * blocks, or modules with exactly one attention block among their children (T5's {@code layer.0}). Defaults:
 * 6 tokens, reparameterised through an embedding of 512 and a hidden layer of 512.
 */
public final class PrefixSpec extends AbstractDeltaSpec {
    /** OpenDelta's default number of prefix tokens. */
    public static final int DEFAULT_PREFIX_TOKEN_NUM = 6;
    /** OpenDelta's default: compute the prefixes with an MLP. */
    public static final boolean DEFAULT_REPARAMETERIZE = true;
    /** OpenDelta's default embedding size of the reparameterisation. */
    public static final int DEFAULT_EMBED_DIM = 512;
    /** OpenDelta's default hidden size of the reparameterisation. */
    public static final int DEFAULT_MID_DIM = 512;

    private final int prefixTokenNum;
    private final boolean reparameterize;
    private final int embedDim;
    private final int midDim;

    private PrefixSpec(Builder b) {
        super(b);
        this.prefixTokenNum = b.prefixTokenNum;
        this.reparameterize = b.reparameterize;
        this.embedDim = b.embedDim;
        this.midDim = b.midDim;
    }

    /** @return a builder with OpenDelta's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of prefix tokens, {@code p} */
    public int prefixTokenNum() {
        return prefixTokenNum;
    }

    /** @return whether an MLP computes the prefixes */
    public boolean reparameterize() {
        return reparameterize;
    }

    /** @return the reparameterisation's embedding size */
    public int embedDim() {
        return embedDim;
    }

    /** @return the reparameterisation's hidden size */
    public int midDim() {
        return midDim;
    }

    @Override
    public String method() {
        return Method.PREFIX.id();
    }

    @Override
    public List<String> defaultModules() {
        return Method.PREFIX.defaultModules();
    }

    @Override
    public DeltaMethod implementation() {
        return new PrefixMethod(this);
    }

    @Override
    public Map<String, Object> arguments() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prefix_token_num", prefixTokenNum);
        m.put("reparameterize", reparameterize);
        m.put("embed_dim", embedDim);
        m.put("mid_dim", midDim);
        return m;
    }

    /** Builds a {@link PrefixSpec}; every setter checks its value at once. */
    public static final class Builder extends AbstractDeltaSpecBuilder<Builder> {
        private int prefixTokenNum = DEFAULT_PREFIX_TOKEN_NUM;
        private boolean reparameterize = DEFAULT_REPARAMETERIZE;
        private int embedDim = DEFAULT_EMBED_DIM;
        private int midDim = DEFAULT_MID_DIM;

        private Builder() {}

        /**
         * @param tokens at least 1
         * @return this builder
         */
        public Builder prefixTokenNum(int tokens) {
            this.prefixTokenNum = ArgumentRules.atLeastOne("prefixTokenNum", tokens);
            return this;
        }

        /**
         * @param reparameterize whether an MLP computes the prefixes
         * @return this builder
         */
        public Builder reparameterize(boolean reparameterize) {
            this.reparameterize = reparameterize;
            return this;
        }

        /**
         * @param embedDim at least 1
         * @return this builder
         */
        public Builder embedDim(int embedDim) {
            this.embedDim = ArgumentRules.atLeastOne("embedDim", embedDim);
            return this;
        }

        /**
         * @param midDim at least 1
         * @return this builder
         */
        public Builder midDim(int midDim) {
            this.midDim = ArgumentRules.atLeastOne("midDim", midDim);
            return this;
        }

        /** @return the spec */
        public PrefixSpec build() {
            return new PrefixSpec(this);
        }
    }
}
