package org.delta4j.spec;

/** How a delta method chooses the modules it modifies. */
public enum Targeting {
    /** Every module its patterns (or the method's default unified names) select. */
    MODULES,
    /** Pairs of modules, from its patterns read two at a time (the parallel adapter). */
    PAIRS,
    /** The backbone's encoder, without patterns (the soft prompt). */
    ENCODER,
    /** None: the freeze, which modifies no module. */
    NONE;

    /**
     * @return whether it takes module patterns and exclusions ({@code modules}, {@code exclude})
     */
    public boolean takesPatterns() {
        return this == MODULES || this == PAIRS;
    }
}
