package org.delta4j.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.OptionalLong;

/**
 * The input and output sizes of a module where they can be known without a forward pass: delta
 * methods size their layers from them (OpenDelta runs a dummy forward instead).
 */
public final class Features {
    private Features() {}

    /**
     * @param block a module
     * @return its last-axis output size, if known
     */
    public static OptionalLong out(Block block) {
        if (block instanceof Linear) {
            return OptionalLong.of(((Linear) block).outFeatures());
        }
        if (block instanceof Conv1D) {
            return OptionalLong.of(((Conv1D) block).outFeatures());
        }
        if (block instanceof SizedBlock) {
            return OptionalLong.of(((SizedBlock) block).hiddenSize());
        }
        if (block instanceof ai.djl.nn.core.Linear) {
            return djlWeightDim(block, 0);
        }
        return OptionalLong.empty();
    }

    /**
     * @param block a module
     * @return its last-axis input size, if known
     */
    public static OptionalLong in(Block block) {
        if (block instanceof Linear) {
            return OptionalLong.of(((Linear) block).inFeatures());
        }
        if (block instanceof Conv1D) {
            return OptionalLong.of(((Conv1D) block).inFeatures());
        }
        if (block instanceof SizedBlock) {
            return OptionalLong.of(((SizedBlock) block).inputSize());
        }
        if (block instanceof ai.djl.nn.core.Linear) {
            return djlWeightDim(block, 1);
        }
        return OptionalLong.empty();
    }

    /**
     * @param block a module
     * @return whether it is a linear layer (delta4j's, GPT-2's {@code Conv1D}, or DJL's initialised
     *     one), the modules LoRA modifies
     */
    public static boolean isLinear(Block block) {
        return block instanceof Linear
                || block instanceof Conv1D
                || (block instanceof ai.djl.nn.core.Linear && djlWeightDim(block, 0).isPresent());
    }

    private static OptionalLong djlWeightDim(Block linear, int axis) {
        Parameter w = linear.getParameters().get("weight");
        return w != null && w.isInitialized()
                ? OptionalLong.of(w.getArray().getShape().get(axis))
                : OptionalLong.empty();
    }
}
