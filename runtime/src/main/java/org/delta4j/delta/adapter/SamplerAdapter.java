package org.delta4j.delta.adapter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.delta4j.delta.host.ResidualLayer;
import org.delta4j.nn.Child;

/**
 * The adapter shape OpenDelta's low-rank adapter and Compacter share: {@code h +
 * up_sampler(act(down_sampler(h)))}, with children {@code down_sampler}, {@code activation} and
 * {@code up_sampler}; subclasses choose the samplers.
 */
public abstract class SamplerAdapter extends ResidualLayer {
    private final Child downSampler;
    private final Child activation;
    private final Child upSampler;

    /**
     * @param down the {@code hidden -> bottleneck} sampler
     * @param nonLinearity the activation's name
     * @param up the {@code bottleneck -> hidden} sampler
     */
    protected SamplerAdapter(Block down, String nonLinearity, Block up) {
        this.downSampler = child("down_sampler", down);
        this.activation = child("activation", new Activations(nonLinearity));
        this.upSampler = child("up_sampler", up);
    }

    @Override
    protected final NDArray term(ParameterStore ps, NDArray h, boolean training) {
        NDList x = downSampler.forward(ps, new NDList(h), training);
        return upSampler.forward(ps, activation.forward(ps, x, training), training).head();
    }
}
