package org.delta4j.processor.model;

/** How a delta's annotation chooses the modules it modifies. */
public enum Targeting {
    /** Every module its patterns (or the method's default unified names) select. */
    MODULES,
    /** Pairs of modules, from its patterns read two at a time (the parallel adapter). */
    PAIRS,
    /** The backbone's encoder, without patterns (the soft prompt). */
    ENCODER,
    /** None: the freeze, which modifies no module. */
    NONE
}
