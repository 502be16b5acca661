package org.delta4j.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.delta4j.io.TensorSource;
import org.delta4j.nn.ModuleList;
import org.delta4j.tree.Module;
import org.delta4j.tree.ModuleTree;

/**
 * The sizes a {@code config.json} may ask for, checked before anything is allocated: a 600-byte
 * config can ask for a hundred million layers or a vocabulary of billions. Every layer count is at
 * most {@link #MAX_LAYERS} (checked when the config is read); a model built from a config has at
 * most {@link #MAX_TENSOR_ELEMENTS} elements in any parameter or buffer and {@link #MAX_ELEMENTS}
 * in all (checked when it is built, from the shapes alone); and a model loaded from a folder has
 * exactly the layers its weights hold (checked from the weights' headers).
 */
public final class ModelLimits {
    /**
     * The most layers in one stack: over ten times the deepest real model of the six families (T5's
     * 24, GPT-2's 48).
     */
    public static final int MAX_LAYERS = 1024;

    /**
     * The most elements in one parameter or buffer: what one DJL array holds, over twice mT5-XXL's
     * embedding.
     */
    public static final long MAX_TENSOR_ELEMENTS = Integer.MAX_VALUE;

    /**
     * The most elements of all parameters and buffers: five times the largest real model (UL2, a
     * 20B T5).
     */
    public static final long MAX_ELEMENTS = 100_000_000_000L;

    /** Why the limits are where they are, for messages. */
    static final String ABOVE_REAL_MODELS =
            "far above every real BERT, RoBERTa, DistilBERT, GPT-2, BART or T5 "
                    + "model; check the config's sizes";

    private ModelLimits() {}

    /**
     * @param model a model just built from a config, its parameters shaped but not allocated
     * @return the model
     * @throws IllegalArgumentException when a tensor or the whole would be larger than the limits,
     *     naming the tensor, its shape and the limit
     */
    public static Block requireBuildable(Block model) {
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        double total = 0;
        for (Map.Entry<String, Parameter> e : ModuleTree.of(model).state().entrySet()) {
            Shape shape = e.getValue().getShape();
            if (shape == null || !seen.add(e.getValue())) {
                continue;
            }
            // In doubles: the products of sizes a config asks for can overflow a long.
            double elements = 1;
            for (long d : shape.getShape()) {
                elements *= d;
            }
            if (elements > MAX_TENSOR_ELEMENTS) {
                throw new IllegalArgumentException(
                        "the config asks for "
                                + e.getKey()
                                + " of shape "
                                + shape
                                + ", "
                                + "more elements than delta4j builds in one tensor (at most "
                                + MAX_TENSOR_ELEMENTS
                                + ", "
                                + ABOVE_REAL_MODELS
                                + ")");
            }
            total += elements;
        }
        if (total > MAX_ELEMENTS) {
            throw new IllegalArgumentException(
                    "the config asks for "
                            + String.format(Locale.ROOT, "%.3g", total)
                            + " parameter "
                            + "and buffer elements, more than delta4j builds (at most "
                            + MAX_ELEMENTS
                            + ", "
                            + ABOVE_REAL_MODELS
                            + ")");
        }
        return model;
    }

    /**
     * Checks that every layer stack of a model built from a config has as many layers as the
     * weights hold, so a config whose layer count was edited fails in one line rather than with a
     * missing key for every layer.
     *
     * @param model the model built from the folder's config
     * @param weights the folder's weights, by the model's state-dict keys; only their names are
     *     read
     * @throws IOException naming the stack, both counts and how to fix the config
     */
    public static void requireLayersOfWeights(Block model, TensorSource weights)
            throws IOException {
        for (Module m : ModuleTree.of(model).modules()) {
            if (!(m.shown() instanceof ModuleList)) {
                continue;
            }
            String prefix = m.pathOf("");
            int held = 0;
            for (String name : weights.names()) {
                if (name.startsWith(prefix)) {
                    String rest = name.substring(prefix.length());
                    String index =
                            rest.indexOf('.') < 0 ? rest : rest.substring(0, rest.indexOf('.'));
                    if (index.matches("[0-9]{1,9}")) {
                        held = Math.max(held, Integer.parseInt(index) + 1);
                    }
                }
            }
            int layers = ((ModuleList) m.shown()).size();
            if (held > 0 && held != layers) {
                throw new IOException(
                        "The weights "
                                + weights.location()
                                + " hold "
                                + held
                                + " layers under "
                                + m.path()
                                + " ("
                                + m.pathOf("0")
                                + " to "
                                + m.pathOf(Integer.toString(held - 1))
                                + "), but config.json asks for "
                                + layers
                                + ": set its layer count for "
                                + m.path()
                                + " to "
                                + held
                                + ".");
            }
        }
    }
}
