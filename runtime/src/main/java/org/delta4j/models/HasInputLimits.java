package org.delta4j.models;

/**
 * A model that knows what its config allows in its inputs: the vocabulary its ids index and the
 * longest sequence it takes. Training data is checked against these before any step runs.
 */
public interface HasInputLimits {
    /**
     * @return the limits the model's forward pass checks its token inputs against
     */
    InputLimits inputLimits();
}
