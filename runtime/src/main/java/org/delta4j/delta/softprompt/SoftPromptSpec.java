package org.delta4j.delta.softprompt;

import java.util.LinkedHashMap;
import java.util.Map;
import org.delta4j.delta.AbstractDeltaSpec;
import org.delta4j.delta.AbstractDeltaSpecBuilder;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.spec.ArgumentRules;
import org.delta4j.spec.Method;

/**
 * Prompt tuning (Lester et al.), as OpenDelta's {@code SoftPromptModel}: {@code n} trainable embeddings in front of
 * the input. They start as copies of the first {@code n} token embeddings, or uniform in {@code +-initRange}
 * (also when the vocabulary has fewer than {@code n} tokens, where OpenDelta fails). Defaults: 100 tokens, token
 * initialisation, range 0.5.
 */
public final class SoftPromptSpec extends AbstractDeltaSpec {
    /** OpenDelta's default number of soft tokens. */
    public static final int DEFAULT_SOFT_TOKEN_NUM = 100;
    /** OpenDelta's default range of the uniform initialisation. */
    public static final double DEFAULT_INIT_RANGE = 0.5;
    /** OpenDelta's default: start from token embeddings. */
    public static final boolean DEFAULT_TOKEN_INIT = true;

    private final int softTokenNum;
    private final double initRange;
    private final boolean tokenInit;

    private SoftPromptSpec(Builder b) {
        super(b);
        this.softTokenNum = b.softTokenNum;
        this.initRange = b.initRange;
        this.tokenInit = b.tokenInit;
    }

    /** @return a builder with OpenDelta's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of soft tokens */
    public int softTokenNum() {
        return softTokenNum;
    }

    /** @return the range of the uniform initialisation */
    public double initRange() {
        return initRange;
    }

    /** @return whether the soft tokens start as token embeddings */
    public boolean tokenInit() {
        return tokenInit;
    }

    @Override
    public String method() {
        return Method.SOFT_PROMPT.id();
    }

    @Override
    public DeltaMethod implementation() {
        return new SoftPromptMethod(this);
    }

    @Override
    public Map<String, Object> arguments() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("soft_token_num", softTokenNum);
        m.put("init_range", initRange);
        m.put("token_init", tokenInit);
        return m;
    }

    /** Builds a {@link SoftPromptSpec}; every setter checks its value at once. */
    public static final class Builder extends AbstractDeltaSpecBuilder<Builder> {
        private int softTokenNum = DEFAULT_SOFT_TOKEN_NUM;
        private double initRange = DEFAULT_INIT_RANGE;
        private boolean tokenInit = DEFAULT_TOKEN_INIT;

        private Builder() {
            exclude();
        }

        /**
         * @param tokens at least 1
         * @return this builder
         */
        public Builder softTokenNum(int tokens) {
            this.softTokenNum = ArgumentRules.atLeastOne("softTokenNum", tokens);
            return this;
        }

        /**
         * @param range greater than 0
         * @return this builder
         */
        public Builder initRange(double range) {
            this.initRange = ArgumentRules.positive("initRange", range);
            return this;
        }

        /**
         * @param tokenInit whether the soft tokens start as token embeddings
         * @return this builder
         */
        public Builder tokenInit(boolean tokenInit) {
            this.tokenInit = tokenInit;
            return this;
        }

        /** @return the spec */
        public SoftPromptSpec build() {
            return new SoftPromptSpec(this);
        }
    }
}
