package org.delta4j.train.optim;

/**
 * Optimizer state that does not fit the optimizer it is loaded into: an unknown parameter or field,
 * a missing field, a wrong shape or type, or a step count below 1. Nothing was changed.
 */
public final class OptimizerStateException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what does not fit, and how to fix it
     */
    public OptimizerStateException(String message) {
        super(message);
    }
}
