package org.delta4j.delta.adapter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.delta.host.DeltaLayer;
import org.delta4j.delta.host.Placement;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.Linear;
import org.delta4j.nn.Sequential;

/**
 * OpenDelta's {@code AdapterLayer}: {@code h + up(act(down(h)))} on the first output of the module it follows,
 * with the same names ({@code modulelist.down_proj}, {@code modulelist.up_proj}) and initialisation (weights
 * N(0, 0.01), biases zero).
 */
public final class AdapterLayer extends HfBlock implements DeltaLayer {
    private static final float INIT_STD = 0.01f;

    private final Block modulelist;

    /**
     * @param hidden the size of the module's output
     * @param bottleneck the bottleneck size
     * @param nonLinearity one of {@link org.delta4j.spec.ArgumentRules#NON_LINEARITIES}
     */
    public AdapterLayer(long hidden, int bottleneck, String nonLinearity) {
        this.modulelist = child("modulelist", new Sequential()
                .append("down_proj", Linear.create(hidden, bottleneck, true, INIT_STD))
                .append("non_linear", new Activations(nonLinearity))
                .append("up_proj", Linear.create(bottleneck, hidden, true, INIT_STD)));
    }

    @Override
    public Placement placement() {
        return Placement.AFTER;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.head();
        return DeltaLayer.withHead(inputs, h.add(modulelist.forward(ps, new NDList(h), training).head()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
