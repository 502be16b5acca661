package org.delta4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Frees a layer's intermediates as soon as the layer returns. DJL keeps every array until its
 * manager closes, so without this a pass holds the intermediates of all its layers at once
 * (attention scores, feed-forward activations) and takes fresh memory from the allocator for each
 * layer. In training too: closing an array drops only delta4j's handle on the tensor, while
 * libtorch's autograd graph holds its own references to what the backward pass reads, so a training
 * pass keeps what autograd saves and nothing more, as PyTorch does.
 *
 * <p>One instance runs the layers of one stack in one pass, in order. Each layer's hidden states
 * are freed once the next layer has read them; the stack's first input and last output are left
 * alone. What a layer makes that must outlive it has an explicit owner: its outputs go to the pass
 * ({@link #runAll}), arrays later layers read are attached to {@link #passManager}, and a {@link
 * KeyValueCache} keeps what it takes in its own manager.
 */
public final class LayerScope {
    /** The name of a layer's manager, by which {@link #passManager} passes over it. */
    private static final String LAYER = "delta4j-layer-scope";

    private final boolean training;
    private NDArray lastMade;

    /**
     * @param training whether this is a training forward pass (passed on to the layers that {@link
     *     #call} calls)
     */
    public LayerScope(boolean training) {
        this.training = training;
    }

    /**
     * The manager of the whole pass: for arrays a layer makes that later layers read (a
     * reparameterised prefix computes every layer's keys in the first), which must outlive the
     * layer's own manager.
     *
     * @param caller an array of the pass
     * @return the nearest manager of {@code caller}'s that is not a layer's
     */
    public static NDManager passManager(NDArray caller) {
        NDManager m = caller.getManager();
        while (LAYER.equals(m.getName()) && m.getParentManager() != null) {
            m = m.getParentManager();
        }
        return m;
    }

    /**
     * Calls a layer block on some arrays, as {@link Functional#call} does, in a scope of its own
     * (see {@link #runAll}): how a stack runs its layers.
     *
     * @param layer the layer
     * @param ps the parameter store
     * @param params the extra forward parameters, passed through
     * @param inputs the hidden states, then the other arrays the layer reads
     * @return the layer's first output, owned by the manager of {@code inputs[0]}
     */
    public NDArray call(
            Block layer, ParameterStore ps, PairList<String, Object> params, NDArray... inputs) {
        return run(() -> Functional.call(layer, ps, training, params, inputs), inputs);
    }

    /**
     * Runs one layer that returns one array; see {@link #runAll}.
     *
     * @param layer the layer's call, whose operations take their first operands from {@code inputs}
     * @param inputs the hidden states, then the other arrays the layer reads
     * @return the layer's output, owned by the manager of {@code inputs[0]}
     */
    public NDArray run(Supplier<NDArray> layer, NDArray... inputs) {
        return runAll(() -> new NDList(layer.get()), inputs).head();
    }

    /**
     * Runs one layer inside a manager of its own that is closed when it returns.
     *
     * @param layer the layer's call, whose operations take their first operands from {@code inputs}
     * @param inputs the hidden states, then the other arrays the layer reads, owned by the pass (or
     *     lent to it, as a key/value cache's or a decoding session's are); they lend themselves to
     *     the layer's manager while it runs and go back after, except hidden states the previous
     *     layer made, which no one reads after this layer and are freed with it
     * @return the layer's outputs: those it made are moved to the manager of {@code inputs[0]}
     *     (T5's position bias, made by the first layer for all, among them), inputs it passes on go
     *     back to their own managers
     */
    public NDList runAll(Supplier<NDList> layer, NDArray... inputs) {
        NDManager owner = inputs[0].getManager();
        // An array lent twice would come back to the scope itself, which closes it.
        Set<NDArray> lent = Collections.newSetFromMap(new IdentityHashMap<>());
        try (NDManager scope = owner.newSubManager()) {
            scope.setName(LAYER);
            for (NDArray input : inputs) {
                if (!lent.add(input)) {
                    continue;
                }
                if (input == lastMade) {
                    input.attach(scope);
                } else {
                    input.tempAttach(scope);
                }
            }
            NDList out = layer.get();
            for (NDArray a : out) {
                if (a.getManager() == scope && (!lent.contains(a) || a == lastMade)) {
                    a.attach(owner);
                }
            }
            lastMade = out.head();
            return out;
        }
    }
}
