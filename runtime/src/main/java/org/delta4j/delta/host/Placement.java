package org.delta4j.delta.host;

/**
 * Where a delta runs relative to the module it modifies (OpenDelta's insertion methods). Each delta added to a
 * module wraps everything added before it, so later deltas are outermost.
 */
public enum Placement {
    /** {@code delta(f(x))}: the delta sees and returns the module's output (adapters). */
    AFTER,
    /** {@code f(delta(x))}: the delta sees and returns the module's input. */
    BEFORE,
    /** {@code f(x) + delta(x)}: the delta sees the input; its output is added to the module's (LoRA). */
    PARALLEL
}
