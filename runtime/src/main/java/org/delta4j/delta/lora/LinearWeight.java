package org.delta4j.delta.lora;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.lang.reflect.Method;
import org.delta4j.nn.Features;
import org.delta4j.nn.Linear;
import org.delta4j.tree.Module;

/**
 * The weight of a layer that LoRA modifies, and its layout: {@code [out, in]} for a linear layer
 * (delta4j's or DJL's), {@code [in, out]} for HF's {@code Conv1D} (GPT-2's projections; PEFT's
 * {@code fan_in_fan_out}). A block that is neither states its layout with a public {@code boolean
 * fanInFanOut()} method, as delta4j's {@code Conv1D} does.
 *
 * @param weight the weight parameter
 * @param fanInFanOut whether it is stored {@code [in, out]}
 */
record LinearWeight(Parameter weight, boolean fanInFanOut) {
    /**
     * @param target a linear-like module with known input and output sizes
     * @return its weight and layout
     * @throws IllegalArgumentException saying why, when the layout cannot be told or the weight's
     *     shape does not fit
     */
    static LinearWeight of(Module target) {
        Block block = target.shown();
        boolean fanInFanOut =
                block instanceof Linear || block instanceof ai.djl.nn.core.Linear
                        ? false
                        : declaredFanInFanOut(block);
        Parameter weight = target.parameters().get("weight");
        long in = Features.in(block).orElse(-1);
        long out = Features.out(block).orElse(-1);
        Shape expected = fanInFanOut ? new Shape(in, out) : new Shape(out, in);
        if (weight == null || !expected.equals(weight.getShape())) {
            throw new IllegalArgumentException(
                    "its weight should have shape "
                            + expected
                            + ", but "
                            + (weight == null ? "it has none" : "has " + weight.getShape()));
        }
        return new LinearWeight(weight, fanInFanOut);
    }

    private static boolean declaredFanInFanOut(Block block) {
        try {
            Method m = block.getClass().getMethod("fanInFanOut");
            if (m.getReturnType() == boolean.class) {
                return (boolean) m.invoke(block);
            }
        } catch (ReflectiveOperationException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException(
                "it is not a Linear and has no public boolean fanInFanOut() method, so the "
                        + "layout of its weight is unknown");
    }
}
