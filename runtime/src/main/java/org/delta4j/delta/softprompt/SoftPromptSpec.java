package org.delta4j.delta.softprompt;

import org.delta4j.delta.AbstractDeltaSpec;
import org.delta4j.delta.AbstractDeltaSpecBuilder;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.spec.Method;
import org.delta4j.spec.SoftPromptDeclaration;

/**
 * Prompt tuning (Lester et al.), as OpenDelta's {@code SoftPromptModel}: {@code n} trainable
 * embeddings in front of the input. They start as copies of the first {@code n} token embeddings,
 * or uniform in {@code +-initRange} (also when the vocabulary has fewer than {@code n} tokens,
 * where OpenDelta fails). Its arguments and their defaults are {@link SoftPromptDeclaration}'s.
 */
public final class SoftPromptSpec extends AbstractDeltaSpec {
    private SoftPromptSpec(Builder b) {
        super(b);
    }

    /**
     * @return a builder with OpenDelta's defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the number of soft tokens
     */
    public int softTokenNum() {
        return value(SoftPromptDeclaration.SOFT_TOKEN_NUM);
    }

    /**
     * @return the range of the uniform initialisation
     */
    public double initRange() {
        return value(SoftPromptDeclaration.INIT_RANGE);
    }

    /**
     * @return whether the soft tokens start as token embeddings
     */
    public boolean tokenInit() {
        return value(SoftPromptDeclaration.TOKEN_INIT);
    }

    @Override
    public DeltaMethod implementation() {
        return new SoftPromptMethod(this);
    }

    /** Builds a {@link SoftPromptSpec}; every setter checks its value at once. */
    public static final class Builder extends AbstractDeltaSpecBuilder<Builder> {
        private Builder() {
            super(Method.SOFT_PROMPT);
        }

        /**
         * @param tokens at least 1
         * @return this builder
         */
        public Builder softTokenNum(int tokens) {
            return set(SoftPromptDeclaration.SOFT_TOKEN_NUM, tokens);
        }

        /**
         * @param range greater than 0
         * @return this builder
         */
        public Builder initRange(double range) {
            return set(SoftPromptDeclaration.INIT_RANGE, range);
        }

        /**
         * @param tokenInit whether the soft tokens start as token embeddings
         * @return this builder
         */
        public Builder tokenInit(boolean tokenInit) {
            return set(SoftPromptDeclaration.TOKEN_INIT, tokenInit);
        }

        @Override
        public SoftPromptSpec build() {
            return new SoftPromptSpec(this);
        }
    }
}
