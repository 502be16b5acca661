package org.delta4j.models.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import org.delta4j.nn.T5LayerNorm;

/**
 * HF's {@code LlamaRMSNorm} (and Mistral's and Qwen2's): {@code weight * x / sqrt(mean(x^2) +
 * eps)}, no centring, no bias; a fresh weight is ones.
 */
public final class LlamaRMSNorm extends LlamaFamilyBlock {
    private final float eps;
    private final Parameter weight;

    /**
     * @param config the model configuration
     */
    public LlamaRMSNorm(LlamaFamilyConfig config) {
        super(config, "RMSNorm");
        long size = hiddenSize();
        this.eps = config.rmsNormEps();
        this.weight =
                parameter(
                        "weight",
                        Parameter.Type.GAMMA,
                        new Shape(size),
                        new ConstantInitializer(1f));
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(
                T5LayerNorm.normalize(x, ps.getValue(weight, x.getDevice(), training), eps));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
