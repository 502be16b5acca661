package org.delta4j.nn;

/** An attention block that accepts {@link PrefixInputs}: the modules prefix tuning modifies. */
public interface PrefixableAttention extends SizedBlock {
    /** @return the number of attention heads */
    long heads();
}
