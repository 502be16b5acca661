package org.delta4j.models;

import java.util.List;

/**
 * What every HF model configuration tells the loader: its model type and the classes it was saved
 * from.
 */
public interface ModelConfig {
    /**
     * @return HF's {@code model_type}, such as {@code bart}
     */
    String modelType();

    /**
     * @return HF's {@code architectures}: the model classes the checkpoint was saved from, possibly
     *     empty
     */
    List<String> architectures();
}
