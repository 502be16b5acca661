package org.delta4j.checkpoint;

/**
 * How strictly a delta checkpoint must fit the backbone it loads onto. The backbone's structure
 * (the names, shapes and types of the parameters the checkpoint relies on but does not carry) must
 * always be the one it was saved from; these settings decide about those parameters' values. See
 * {@link BackboneFingerprint}.
 */
public enum BackboneCheck {
    /**
     * The values must be the ones the deltas were trained with too: a mismatch is an error (the
     * default).
     */
    EXACT,
    /**
     * Other values only log a warning, as OpenDelta does: for deltas moved onto another checkpoint
     * of a model.
     */
    STRUCTURE
}
