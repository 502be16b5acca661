package org.delta4j.delta.lowrank;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;

/**
 * OpenDelta's low-rank {@code LowRankLinear}: {@code y = x (W_left W_right) + b} with {@code W_left
 * [in, rank]}, {@code W_right [rank, out]} (glorot-uniform with gain sqrt(2)) and {@code b [out]}
 * at zero. A rank above 1 is a true matrix product here; OpenDelta's element-wise product only
 * works for rank 1.
 */
public final class LowRankLinear extends HfBlock {
    private final Parameter left;
    private final Parameter right;
    private final Parameter bias;

    /**
     * @param in the input size
     * @param out the output size
     * @param rank the rank of the weight
     */
    public LowRankLinear(long in, long out, int rank) {
        this.left =
                parameter("W_left", Parameter.Type.WEIGHT, new Shape(in, rank), glorotUniform());
        this.right =
                parameter("W_right", Parameter.Type.WEIGHT, new Shape(rank, out), glorotUniform());
        this.bias = parameter("b", Parameter.Type.BIAS, new Shape(out), Initializer.ZEROS);
    }

    /**
     * PyTorch's {@code xavier_uniform_(gain=sqrt(2))}: uniform in +-sqrt(2) sqrt(6 / (fan_in +
     * fan_out)).
     */
    static Initializer glorotUniform() {
        return new XavierInitializer(
                XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 6);
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray r = ps.getValue(right, x.getDevice(), training);
        NDArray w =
                Functional.onParameter(
                        ps.getValue(left, x.getDevice(), training), l -> l.matMul(r), x);
        return new NDList(x.matMul(w).add(ps.getValue(bias, x.getDevice(), training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(bias.getShape().get(0))};
    }
}
