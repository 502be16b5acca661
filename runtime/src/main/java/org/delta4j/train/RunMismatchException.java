package org.delta4j.train;

/**
 * A run folder that another run wrote (other arguments, data or trainable parameters) was given to
 * resume: resuming it would silently train something else.
 */
public final class RunMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what differs and how to fix it
     */
    public RunMismatchException(String message) {
        super(message);
    }
}
