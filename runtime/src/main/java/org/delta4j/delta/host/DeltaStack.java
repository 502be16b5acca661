package org.delta4j.delta.host;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hosted module and the delta layers around it, in attach order; what both host classes
 * delegate to. Layer {@code k} wraps the module together with layers {@code 0..k-1}: its {@code
 * before} hook runs first and its {@code after} hook last. A disabled layer is skipped, as if it
 * were not there.
 */
public final class DeltaStack {
    private final Block hosted;
    private final PairList<String, DeltaLayer> layers = new PairList<>();
    private final Map<String, Placement> placements = new HashMap<>();
    // Switched from other threads (DeltaSet) while forward passes read it.
    private final Set<String> disabled = ConcurrentHashMap.newKeySet();
    private final BlockList hostChildren;

    /**
     * @param hosted the module the deltas modify
     * @param hostChildren the host's DJL children list, kept equal to the hosted module plus the
     *     layers so that DJL (parameter listing, saving) sees every delta parameter
     */
    DeltaStack(Block hosted, BlockList hostChildren) {
        this.hosted = hosted;
        this.hostChildren = hostChildren;
        hostChildren.add("hosted", hosted);
    }

    Block hosted() {
        return hosted;
    }

    PairList<String, Block> attached() {
        PairList<String, Block> out = new PairList<>();
        layers.forEach(p -> out.add(p.getKey(), p.getValue()));
        return out;
    }

    boolean isEmpty() {
        return layers.isEmpty();
    }

    boolean contains(String name) {
        return layers.contains(name);
    }

    void add(String name, DeltaLayer layer, Placement placement) {
        layers.add(name, layer);
        placements.put(name, placement);
        hostChildren.add(name, layer);
    }

    DeltaLayer remove(String name) {
        hostChildren.remove(name);
        placements.remove(name);
        disabled.remove(name);
        DeltaLayer layer = layers.remove(name);
        layer.onRemove();
        return layer;
    }

    void setEnabled(String name, boolean enabled) {
        if (!layers.contains(name)) {
            throw new IllegalArgumentException(
                    "no layer \"" + name + "\" on this module; it has " + layers.keys());
        }
        if (enabled) {
            disabled.remove(name);
        } else {
            disabled.add(name);
        }
    }

    boolean isEnabled(String name) {
        return layers.contains(name) && !disabled.contains(name);
    }

    NDList forward(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return forward(layers.size(), ps, inputs, training, params);
    }

    private NDList forward(
            int depth,
            ParameterStore ps,
            NDList x,
            boolean training,
            PairList<String, Object> params) {
        if (depth == 0) {
            return hosted.forward(ps, x, training, params);
        }
        if (disabled.contains(layers.keyAt(depth - 1))) {
            return forward(depth - 1, ps, x, training, params);
        }
        DeltaLayer layer = layers.valueAt(depth - 1);
        Placement placement = placements.get(layers.keyAt(depth - 1));
        NDList in = placement == Placement.AFTER ? x : layer.before(ps, x, training);
        NDList out = forward(depth - 1, ps, in, training, params);
        return placement == Placement.BEFORE ? out : layer.after(ps, out, x, training);
    }

    void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        hosted.initialize(manager, dataType, inputShapes);
        for (DeltaLayer layer : layers.values()) {
            layer.initialize(manager, dataType, inputShapes);
        }
    }
}
