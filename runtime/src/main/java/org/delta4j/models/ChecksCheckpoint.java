package org.delta4j.models;

import ai.djl.nn.Block;
import java.io.IOException;
import org.delta4j.io.TensorSource;

/**
 * A model that recognises checkpoints saved with another configuration before they are loaded, so
 * that the error names the config field to fix rather than listing shape mismatches.
 */
public interface ChecksCheckpoint {
    /**
     * @param weights the checkpoint about to be loaded
     * @throws IOException in one line, naming the tensor and the config field, when the checkpoint
     *     was saved with another value of that field
     */
    void requireFits(TensorSource weights) throws IOException;

    /**
     * @param model a model about to be loaded
     * @param weights its checkpoint
     * @throws IOException when the model checks checkpoints and this one does not fit
     */
    static void check(Block model, TensorSource weights) throws IOException {
        if (model instanceof ChecksCheckpoint) {
            ((ChecksCheckpoint) model).requireFits(weights);
        }
    }
}
