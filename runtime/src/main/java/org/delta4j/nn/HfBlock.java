package org.delta4j.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.delta4j.Delta4j;

/**
 * Base class of delta4j's own blocks. Children are registered under their HuggingFace names (DJL's
 * {@code addChildBlock} would prefix them with {@code 01}, {@code 02}, ...), so every parameter
 * path such as {@code model.encoder.layers.0.fc2.weight} equals its HF state-dict key. Parameters
 * get their shapes at construction; buffers (non-trained state such as {@code final_logits_bias})
 * are parameters that never train and are not counted as parameters. A block reaches its children
 * through the {@link Child} handles that {@link #child} returns, never through fields of its own,
 * so the child list is the one place that says which block runs.
 */
public abstract class HfBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    static {
        // Every model is made of these blocks, so this runs before a model's engine work: DJL stays
        // offline.
        Delta4j.offline();
    }

    private final Set<String> buffers = new LinkedHashSet<>();
    private volatile ForwardGate gate;

    /** Creates a block with no children and no parameters. */
    protected HfBlock() {
        super(VERSION);
    }

    /**
     * Registers a child under its HF name. Keep the handle, not the block: the forward pass reaches
     * the child through it, so it runs whatever block stands under that name at the time (a delta
     * host, once deltas are attached).
     *
     * @param name the HF module name, such as {@code fc2} or {@code 0}
     * @param block the child
     * @return the handle through which this block reaches the child
     */
    protected final Child child(String name, Block block) {
        if (children.contains(name)) {
            throw new IllegalArgumentException(hfType() + " already has a child named " + name);
        }
        children.add(name, block);
        return new Child(hfType(), name, children);
    }

    /**
     * Registers a trainable parameter with a fixed shape.
     *
     * @param name the HF parameter name, such as {@code weight}
     * @param type the DJL parameter type
     * @param shape the shape
     * @param initializer how a fresh model fills it
     * @return the parameter
     */
    protected final Parameter parameter(
            String name, Parameter.Type type, Shape shape, Initializer initializer) {
        return addParameter(
                Parameter.builder()
                        .setName(name)
                        .setType(type)
                        .optShape(shape)
                        .optInitializer(initializer)
                        .build());
    }

    /**
     * Registers an existing parameter object, which ties it to every other block that registers it.
     *
     * @param parameter the shared parameter
     * @return the parameter
     */
    protected final Parameter shared(Parameter parameter) {
        return addParameter(parameter);
    }

    /**
     * Registers a buffer: state that is saved and loaded with the model but never trained nor
     * counted.
     *
     * @param name the HF buffer name
     * @param shape the shape
     * @param initializer how a fresh model fills it
     * @return the buffer, as a frozen parameter
     */
    protected final Parameter buffer(String name, Shape shape, Initializer initializer) {
        Parameter p =
                addParameter(
                        Parameter.builder()
                                .setName(name)
                                .setType(Parameter.Type.OTHER)
                                .optShape(shape)
                                .optInitializer(initializer)
                                .optRequiresGrad(false)
                                .build());
        buffers.add(name);
        return p;
    }

    /**
     * Adds an input hook as a child of this block; it runs each time {@link #withInputHooks} does.
     *
     * @param name its child name, such as {@code soft_prompt_layer}
     * @param hook the hook
     */
    public final void addInputHook(String name, InputHook hook) {
        child(name, hook);
    }

    /**
     * Removes an input hook added with {@link #addInputHook}.
     *
     * @param name its child name
     */
    public final void removeInputHook(String name) {
        if (!(children.get(name) instanceof InputHook)) {
            throw new IllegalArgumentException(
                    getClass().getSimpleName() + " has no input hook named " + name);
        }
        children.remove(name);
    }

    /**
     * Applies this block's input hooks, in the order they were added. Root models call it first in
     * their forward.
     *
     * @param ps the parameter store
     * @param inputs the inputs as given
     * @param training whether this is a training pass
     * @param params the pass's extra parameters, handed to the hooks
     * @return the inputs to run on
     */
    protected final NDList withInputHooks(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        for (Block b : children.values()) {
            if (b instanceof InputHook) {
                x = ((InputHook) b).beforeForward(ps, x, training, params);
            }
        }
        return x;
    }

    /**
     * The gate that forward passes through this block hold while they run, and that changes to the
     * model under it (attaching, switching or merging deltas) wait on. Made on first use; until
     * then forward passes take no lock.
     *
     * @return this block's gate
     */
    public final ForwardGate gate() {
        ForwardGate g = gate;
        if (g == null) {
            synchronized (this) {
                if (gate == null) {
                    gate = new ForwardGate();
                }
                g = gate;
            }
        }
        return g;
    }

    /** Runs {@link #compute} inside this block's gate, when it has one. */
    @Override
    protected final NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        ForwardGate g = gate;
        return g == null
                ? compute(ps, inputs, training, params)
                : g.forward(() -> compute(ps, inputs, training, params));
    }

    /**
     * The block's forward pass: what DJL's {@code forwardInternal} is for other blocks. It
     * allocates only in the manager of its inputs: an operation whose first operand is a parameter
     * or buffer goes through {@link Functional#onParameter} (see CONTRIBUTING.md, "Memory: who owns
     * an array").
     *
     * @param ps the parameter store
     * @param inputs the inputs
     * @param training whether this is a training pass
     * @param params extra forward parameters, passed on to children
     * @return the outputs
     */
    protected abstract NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params);

    /**
     * @return the local names of this block's buffers
     */
    public final Set<String> bufferNames() {
        return Collections.unmodifiableSet(buffers);
    }

    /** Children take no input shapes: every parameter's shape is known from construction. */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : children.values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }

    /** Parameters have fixed shapes, so there is nothing to infer from the input. */
    @Override
    public void prepare(Shape[] inputShapes) {}

    /**
     * @return HF's class name for this module, as module trees and structures show it: the Java
     *     class's simple name, unless one class stands for several HF classes (Llama's, Mistral's
     *     and Qwen2's attention blocks) and names the one it is built as
     */
    public String hfType() {
        return getClass().getSimpleName();
    }

    /**
     * Describes the tree under HF's child names, as PyTorch prints a module. DJL's own description
     * assumes its two-digit child-key prefix and would cut two characters off each HF name (and
     * fail on {@code "0"}).
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(hfType());
        if (!children.isEmpty()) {
            sb.append(" {\n");
            for (Pair<String, Block> child : children) {
                String line = "(" + child.getKey() + "): " + child.getValue();
                sb.append(line.replaceAll("(?m)^", "\t")).append('\n');
            }
            sb.append('}');
        }
        return sb.toString();
    }
}
