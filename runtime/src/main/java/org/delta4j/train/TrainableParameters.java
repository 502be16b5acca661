package org.delta4j.train;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.delta4j.tree.ModuleTree;

/**
 * The parameters an optimizer updates: every parameter that requires a gradient, each once (tied
 * weights, such as GPT-2's {@code lm_head} and {@code transformer.wte}, are one parameter), under
 * its first module path, in model order, as PyTorch's {@code named_parameters()} lists them.
 */
public final class TrainableParameters {
    private TrainableParameters() {}

    /**
     * @param model the model, with its deltas attached and its backbone frozen as wanted
     * @return the trainable parameters by path
     * @throws IllegalArgumentException when nothing is trainable
     */
    public static Map<String, Parameter> of(Block model) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        ModuleTree.of(model)
                .uniqueParameters()
                .forEach(
                        (path, p) -> {
                            if (p.requiresGradient()) {
                                out.put(path, p);
                            }
                        });
        if (out.isEmpty()) {
            throw new IllegalArgumentException(
                    "the model has no trainable parameter: attach deltas or leave some "
                            + "parameters unfrozen (FreezeSpec exclude)");
        }
        return out;
    }
}
