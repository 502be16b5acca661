package org.delta4j.models.hf;

import ai.djl.nn.Block;
import java.util.List;

/**
 * A model loaded from a folder whose checkpoint lacked some of its parameters, which were then
 * initialised fresh (as HF's {@code from_pretrained} does, with a warning): which ones, and which
 * named outputs come from them alone and so are not the checkpoint's (a base model's {@code
 * pooler_output} when its pooler is fresh).
 *
 * @param model the loaded model
 * @param freshParameters the paths of the parameters initialised fresh, in model order; empty when
 *     the checkpoint held everything
 * @param freshOutputs the named outputs computed from fresh parameters only, such as {@code
 *     pooler_output}
 */
public record LoadedModel(Block model, List<String> freshParameters, List<String> freshOutputs) {
    /** Copies the lists. */
    public LoadedModel {
        freshParameters = List.copyOf(freshParameters);
        freshOutputs = List.copyOf(freshOutputs);
    }
}
