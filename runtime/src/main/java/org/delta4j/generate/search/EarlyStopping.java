package org.delta4j.generate.search;

/** transformers' {@code early_stopping}: when beam search declares an input row done. */
public enum EarlyStopping {
    /** {@code True}: as soon as the row holds {@code num_beams} hypotheses. */
    TRUE,
    /**
     * {@code False}: once it holds them and the worst is at least the best candidate's score
     * normalised by the current length (the heuristic).
     */
    FALSE,
    /**
     * {@code "never"}: once the worst is at least the best candidate's score normalised by the
     * longest possible length (the canonical stopping rule).
     */
    NEVER
}
