package org.delta4j.delta.compacter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;

/**
 * OpenDelta's {@code PHMLinear}, a parameterised hypercomplex multiplication layer: {@code y = x H
 * + b} with {@code H = sum_i kron(phm_rule[i], W_left[i] W_right[i])}. Shapes: {@code phm_rule [n,
 * n, n]} (N(0, 0.01)), {@code W_left [n, in/n, k]} and {@code W_right [n, k, out/n]}
 * (glorot-uniform per slice), {@code b [out]} (zero).
 */
public final class PHMLinear extends HfBlock {
    private static final float RULE_STD = 0.01f;

    private final long n;
    private final long in;
    private final long out;
    private final Parameter rule;
    private final Parameter left;
    private final Parameter right;
    private final Parameter bias;

    /**
     * @param in the input size, divisible by {@code n}
     * @param out the output size, divisible by {@code n}
     * @param n the hypercomplex division
     * @param rank the rank {@code k} of each factorised weight
     */
    public PHMLinear(long in, long out, int n, int rank) {
        this.n = n;
        this.in = in;
        this.out = out;
        this.rule =
                parameter(
                        "phm_rule",
                        Parameter.Type.WEIGHT,
                        new Shape(n, n, n),
                        new NormalInitializer(RULE_STD));
        this.left =
                parameter(
                        "W_left",
                        Parameter.Type.WEIGHT,
                        new Shape(n, in / n, rank),
                        new SliceGlorot());
        this.right =
                parameter(
                        "W_right",
                        Parameter.Type.WEIGHT,
                        new Shape(n, rank, out / n),
                        new SliceGlorot());
        this.bias = parameter("b", Parameter.Type.BIAS, new Shape(out), Initializer.ZEROS);
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray r = ps.getValue(right, x.getDevice(), training);
        NDArray w =
                Functional.onParameter(
                        ps.getValue(left, x.getDevice(), training), l -> l.matMul(r), x);
        long p = in / n;
        long q = out / n;
        // kron(A_i, W_i)[a*p + c, b*q + d] = A_i[a, b] W_i[c, d], summed over i.
        NDArray a =
                Functional.onParameter(
                        ps.getValue(rule, x.getDevice(), training),
                        t -> t.reshape(n, n, 1, n, 1),
                        x);
        NDArray h = a.mul(w.reshape(n, 1, p, 1, q)).sum(new int[] {0}).reshape(in, out);
        return new NDList(x.matMul(h).add(ps.getValue(bias, x.getDevice(), training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {s.slice(0, s.dimension() - 1).add(out)};
    }
}
