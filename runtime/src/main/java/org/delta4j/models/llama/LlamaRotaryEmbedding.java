package org.delta4j.models.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;

/**
 * HF's {@code LlamaRotaryEmbedding} (and Mistral's and Qwen2's): the cosines and sines of {@code
 * position * inv_freq}, each frequency repeated over both halves of a head (HF's rotate-half
 * layout), and their application to queries and keys. It has no weights: HF does not save {@code
 * inv_freq}. Within a model's pass the layers share one computation of the tables ({@link
 * RotaryTables}).
 */
public final class LlamaRotaryEmbedding extends HfBlock {
    private final String family;
    private final int headDim;
    private final float theta;
    private final int maxPositions;
    private final RopeScaling scaling;
    private final float[] fixedFrequencies;

    /**
     * @param config the model configuration
     */
    public LlamaRotaryEmbedding(LlamaFamilyConfig config) {
        this.family = config.family();
        this.headDim = config.headDim();
        this.theta = config.ropeTheta();
        this.maxPositions = config.maxPositionEmbeddings();
        this.scaling = config.ropeScaling();
        this.fixedFrequencies =
                scaling.dependsOnLength()
                        ? null
                        : scaling.inverseFrequencies(theta, headDim, 0, maxPositions);
    }

    @Override
    public String hfType() {
        return family + "RotaryEmbedding";
    }

    /**
     * @param inputs {@code position_ids [batch or 1, length]}
     * @return {@code cos} and {@code sin}, each {@code [batch or 1, 1, length, head_dim]}
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray positions = inputs.singletonOrThrow();
        RotaryTables shared = RotaryTables.of(params);
        return shared == null ? tables(positions) : shared.of(positions, () -> tables(positions));
    }

    private NDList tables(NDArray positions) {
        float[] inv =
                fixedFrequencies != null
                        ? fixedFrequencies
                        : scaling.inverseFrequencies(
                                theta, headDim, positions.max().getLong() + 1, maxPositions);
        NDArray scaled = positions.toType(DataType.FLOAT32, false);
        if (scaling.positionDivisor() != 1f) {
            scaled = Functional.dividedBy(scaled, scaling.positionDivisor());
        }
        NDArray freqs = scaled.expandDims(-1).mul(positions.getManager().create(inv));
        NDArray angles = NDArrays.concat(new NDList(freqs, freqs), -1).expandDims(1);
        return new NDList(angles.cos(), angles.sin());
    }

    /**
     * @param x queries or keys {@code [batch, heads, length, head_dim]}
     * @param cos the cosines from {@link #compute}
     * @param sin the sines
     * @return {@code x * cos + rotate_half(x) * sin}, where {@code rotate_half(x) = cat(-x2, x1)}
     *     for the halves {@code x1, x2} of the head
     */
    static NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
        NDList halves = x.split(2, 3);
        NDArray rotated = NDArrays.concat(new NDList(halves.get(1).neg(), halves.get(0)), -1);
        return x.mul(cos).add(rotated.mul(sin));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape p = inputShapes[0];
        Shape out = new Shape(p.get(0), 1, p.get(1), headDim);
        return new Shape[] {out, out};
    }
}
