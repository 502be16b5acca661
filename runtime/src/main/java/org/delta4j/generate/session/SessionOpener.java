package org.delta4j.generate.session;

/**
 * Opens the model side of one decoding call: the recomputing session, or a key/value-cached one. An
 * opener is shared between threads; each call gets a session of its own.
 */
@FunctionalInterface
public interface SessionOpener {
    /**
     * @param inputs the model and the expanded rows
     * @return a new session the caller closes
     */
    DecodingSession open(SessionInputs inputs);
}
