package org.delta4j.delta.adapter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import org.delta4j.delta.host.ResidualLayer;
import org.delta4j.nn.Child;
import org.delta4j.nn.Linear;
import org.delta4j.nn.Sequential;

/**
 * OpenDelta's {@code AdapterLayer}: {@code h + up(act(down(h)))} on the first output of the module
 * it follows, with the same names ({@code modulelist.down_proj}, {@code modulelist.up_proj}) and
 * initialisation (weights N(0, 0.01), biases zero).
 */
public final class AdapterLayer extends ResidualLayer {
    /** OpenDelta's standard deviation of fresh adapter weights. */
    public static final float INIT_STD = 0.01f;

    private final Child modulelist;

    /**
     * @param hidden the size of the module's output
     * @param bottleneck the bottleneck size
     * @param nonLinearity one of {@link org.delta4j.spec.ArgumentRules#NON_LINEARITIES}
     */
    public AdapterLayer(long hidden, int bottleneck, String nonLinearity) {
        this.modulelist = child("modulelist", bottleneck(hidden, bottleneck, hidden, nonLinearity));
    }

    /**
     * OpenDelta's adapter bottleneck {@code down_proj, non_linear, up_proj}, also used by the
     * parallel adapter.
     *
     * @param in the input size
     * @param bottleneck the bottleneck size
     * @param out the output size
     * @param nonLinearity the activation's name
     * @return the block
     */
    public static Sequential bottleneck(long in, int bottleneck, long out, String nonLinearity) {
        return new Sequential()
                .append("down_proj", Linear.create(in, bottleneck, true, INIT_STD))
                .append("non_linear", new Activations(nonLinearity))
                .append("up_proj", Linear.create(bottleneck, out, true, INIT_STD));
    }

    @Override
    protected NDArray term(ParameterStore ps, NDArray h, boolean training) {
        return modulelist.forward(ps, new NDList(h), training).head();
    }
}
