package org.delta4j.delta;

import java.util.List;
import org.delta4j.spec.ArgumentRules;
import org.delta4j.spec.FreezeDeclaration;

/**
 * Which parameters stay trainable, as OpenDelta's {@code freeze_module(exclude, set_state_dict)}:
 * everything is frozen except parameters under a module that an exclude pattern matches, parameters
 * whose own path matches one, and, with the keyword {@value #DELTAS}, every delta parameter. With
 * {@code setStateDict} the backbone's state dict ({@link StateDict}) holds only the parameters that
 * stay trainable.
 */
public final class FreezeSpec {
    /** The exclude keyword that keeps every delta parameter trainable. */
    public static final String DELTAS = ArgumentRules.FREEZE_DELTAS;

    private final List<String> exclude;
    private final boolean setStateDict;

    private FreezeSpec(Builder b) {
        this.exclude = b.exclude;
        this.setStateDict = b.setStateDict;
    }

    /**
     * @return a builder with OpenDelta's defaults: exclude {@code ["deltas"]}, setStateDict true
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the exclude patterns, possibly with {@value #DELTAS}
     */
    public List<String> exclude() {
        return exclude;
    }

    /**
     * @return whether the state dict keeps only trainable parameters
     */
    public boolean setStateDict() {
        return setStateDict;
    }

    /** Builds a {@link FreezeSpec}. */
    public static final class Builder {
        private List<String> exclude = FreezeDeclaration.EXCLUDE.defaultValue();
        private boolean setStateDict = FreezeDeclaration.SET_STATE_DICT.defaultValue();

        private Builder() {}

        /**
         * @param patterns module or parameter patterns to keep trainable; {@value #DELTAS} keeps
         *     the deltas
         * @return this builder
         * @throws org.delta4j.spec.SpecException for an empty pattern or a broken regex
         */
        public Builder exclude(String... patterns) {
            this.exclude = FreezeDeclaration.EXCLUDE.check(List.of(patterns));
            return this;
        }

        /**
         * @param setStateDict whether the state dict keeps only trainable parameters
         * @return this builder
         */
        public Builder setStateDict(boolean setStateDict) {
            this.setStateDict = setStateDict;
            return this;
        }

        /**
         * @return the spec
         */
        public FreezeSpec build() {
            return new FreezeSpec(this);
        }
    }
}
