package org.delta4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.UnaryOperator;

/**
 * Stateless operations shared by the backbones, and the way a parent block calls a child.
 *
 * <p>Memory: in DJL's PyTorch engine an operation's result belongs to the manager of its first
 * operand. A forward pass must allocate only in the manager of its inputs, so an operation whose
 * first operand is a parameter or buffer (the model's manager) goes through {@link #onParameter},
 * or has its operands swapped where that gives the same bits ({@code x.mul(w)} rather than {@code
 * w.mul(x)}). See CONTRIBUTING.md, "Memory: who owns an array".
 */
public final class Functional {
    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);

    private Functional() {}

    /**
     * Dropout as PyTorch's {@code F.dropout}: active only while training. Each entry is kept with
     * probability {@code 1 - rate} and then multiplied by {@code 1 / (1 - rate)}, the same float as
     * PyTorch's scale; at rate 1 every entry is 0, as in PyTorch.
     *
     * <p>The mask comes from a uniform draw compared with the rate, not from PyTorch's Bernoulli
     * draw: the same distribution, a draw that costs about half a Bernoulli draw in this libtorch,
     * and a boolean mask, so that autograd keeps one byte per entry for backward where PyTorch's
     * float mask keeps four (GPT-2's attention dropout at 4 x 512 tokens: 38 MB less per layer).
     * The random stream therefore differs from PyTorch's for the same seed; it is still fixed by
     * the seed.
     *
     * @param x the input
     * @param rate the drop probability
     * @param training whether this is a training forward pass
     * @return {@code x} itself in inference or at rate 0, else {@code x} with dropped entries and
     *     the rest scaled, owned by {@code x}'s manager
     */
    public static NDArray dropout(NDArray x, float rate, boolean training) {
        // Skipping the native call keeps inference free of no-op copies.
        if (!training || rate == 0f) {
            return x;
        }
        if (rate == 1f) {
            return times(x, 0f);
        }
        NDArray keep;
        try (NDArray uniform =
                x.getManager()
                        .randomUniform(0f, 1f, x.getShape(), DataType.FLOAT32, x.getDevice())) {
            // P(u >= rate) = 1 - rate for u uniform in [0, 1).
            keep = uniform.gte(rate);
        }
        // Autograd holds its own reference to the mask, so this handle can go now. The product is
        // scaled in place, which saves an array of x's size per call: autograd kept none of it.
        try (keep) {
            return timesInPlace(x.mul(keep), 1f / (1f - rate));
        }
    }

    /**
     * Runs a child on some arrays and takes its first output: how a parent calls a child in the
     * backbones.
     *
     * @param child the child's handle; the block under its name now is the one that runs
     * @param ps the parameter store
     * @param training whether this is a training forward pass
     * @param params the extra forward parameters, passed through
     * @param inputs the child's inputs, in order
     * @return the child's first output
     */
    public static NDArray call(
            Child child,
            ParameterStore ps,
            boolean training,
            PairList<String, Object> params,
            NDArray... inputs) {
        return call(child.block(), ps, training, params, inputs);
    }

    /**
     * Runs a block on some arrays and takes its first output, as {@link #call(Child,
     * ParameterStore, boolean, PairList, NDArray...)} does for a block just read from a live child
     * list (an item of a {@link ModuleList}).
     *
     * @param block the block
     * @param ps the parameter store
     * @param training whether this is a training forward pass
     * @param params the extra forward parameters, passed through
     * @param inputs the block's inputs, in order
     * @return the block's first output
     */
    public static NDArray call(
            Block block,
            ParameterStore ps,
            boolean training,
            PairList<String, Object> params,
            NDArray... inputs) {
        return block.forward(ps, new NDList(inputs), training, params).head();
    }

    /**
     * Runs children one after another, each on the first output of the one before, as HF code nests
     * calls such as {@code c_proj(act(c_fc(x)))}.
     *
     * @param ps the parameter store
     * @param training whether this is a training forward pass
     * @param params the extra forward parameters, passed through
     * @param x the first child's input
     * @param children the children's handles, in the order they run
     * @return the last child's first output
     */
    public static NDArray chain(
            ParameterStore ps,
            boolean training,
            PairList<String, Object> params,
            NDArray x,
            Child... children) {
        NDArray h = x;
        for (Child c : children) {
            h = call(c, ps, training, params, h);
        }
        return h;
    }

    /**
     * {@code x * c}, safe in training. DJL's {@code mul(Number)} wraps the scalar around a Java
     * buffer and frees that wrapper at once, while autograd keeps the scalar for the backward pass;
     * after a garbage collection the backward pass reads freed memory (NaN gradients). This scalar
     * lives in PyTorch's own memory, shared by every call with the same factor, type and device.
     *
     * @param x the array
     * @param c the factor
     * @return {@code x * c}
     */
    public static NDArray times(NDArray x, float c) {
        return Constants.SHARED.apply(x, c, NDArray::mul);
    }

    /**
     * {@code x * c} written into {@code x}: for an array that nothing reads but the caller (in
     * training, autograd may: an operation's result it saved for backward must not change, though
     * one it did not save, such as a linear layer's output, may).
     *
     * @param x the array, changed in place unless {@code c} is 1
     * @param c the factor
     * @return {@code x}
     */
    public static NDArray timesInPlace(NDArray x, float c) {
        return c == 1f ? x : Constants.SHARED.apply(x, c, NDArray::muli);
    }

    /**
     * {@code x + c}, safe in training for the reason {@link #times} gives.
     *
     * @param x the array
     * @param c the term
     * @return {@code x + c}
     */
    public static NDArray plus(NDArray x, float c) {
        return Constants.SHARED.apply(x, c, NDArray::add);
    }

    /**
     * {@code x} where {@code condition} holds and {@code c} elsewhere (PyTorch's {@code
     * torch.where(condition, x, c)}), with {@code c} one of the shared scalars {@link #times} uses.
     *
     * @param condition a boolean array in {@code x}'s shape (DJL's {@code where} does not broadcast
     *     it)
     * @param x the values kept
     * @param c the value elsewhere, in {@code x}'s data type
     * @return the chosen values, owned by {@code x}'s manager
     */
    public static NDArray where(NDArray condition, NDArray x, float c) {
        return Constants.SHARED.apply(x, c, (kept, fill) -> NDArrays.where(condition, kept, fill));
    }

    /**
     * {@code x / c}, safe in training for the reason {@link #times} gives. A true division, as HF's
     * code divides (multiplying by {@code 1 / c} can differ in the last bit).
     *
     * @param x the array
     * @param c the divisor
     * @return {@code x / c}
     */
    public static NDArray dividedBy(NDArray x, float c) {
        return Constants.SHARED.apply(x, c, NDArray::div);
    }

    /**
     * Index data from Java as an array safe in training. An array DJL makes from Java data wraps a
     * Java buffer, which is freed once the array's handle closes (a layer's scope closes it when
     * the layer returns) and a garbage collection runs, while autograd may still read it in the
     * backward pass (an embedding's backward reads its indices). This one lives in PyTorch's own
     * memory.
     *
     * @param manager the manager to own the array
     * @param data the values, row-major
     * @param shape their shape
     * @return the values as an {@code int64} array of that shape
     */
    public static NDArray indices(NDManager manager, long[] data, Shape shape) {
        try (NDArray wrapper = manager.create(data, shape)) {
            return wrapper.duplicate();
        }
    }

    /**
     * Applies one operation to a parameter's or buffer's array and gives the result to the forward
     * pass: without this it would belong to the model's manager and live, unreachable, until the
     * model closes (a leak per pass).
     *
     * @param value the parameter's or buffer's array, as the parameter store gives it
     * @param op one operation whose first operand is {@code value}, such as {@code
     *     NDArray::transpose}; further operations go on the array this method returns, which the
     *     forward pass owns
     * @param caller an array of the forward pass (an input, say), whose manager is to own the
     *     result
     * @return the result, owned by {@code caller}'s manager; a view of {@code value} when the
     *     operation returned {@code value} itself (DJL does for a no-op such as {@code toType} to
     *     its own type), so the parameter's own array never moves
     */
    public static NDArray onParameter(NDArray value, UnaryOperator<NDArray> op, NDArray caller) {
        NDArray result = op.apply(value);
        if (result == value) {
            result = value.reshape(value.getShape());
        }
        result.attach(caller.getManager());
        return result;
    }

    /**
     * SiLU (swish with beta 1), {@code x * sigmoid(x)}, safe in training. Not DJL's {@code swish(x,
     * 1)}: it multiplies by a Java-buffer scalar that it frees at once while autograd keeps it, so
     * after a garbage collection the backward pass reads freed memory (NaN gradients).
     *
     * @param x the input
     * @return {@code sigmoid(x) * x}, owned by {@code x}'s manager
     */
    public static NDArray silu(NDArray x) {
        return Activation.sigmoid(x).mul(x);
    }

    /**
     * HF's {@code gelu_new} ({@code NewGELUActivation}), the tanh approximation of GELU that GPT-2
     * uses: {@code 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))}, in HF's order of operations.
     *
     * @param x the input
     * @return the activation of {@code x}
     */
    public static NDArray geluNew(NDArray x) {
        // x * x * x is what PyTorch's pow(x, 3.0) computes, bit for bit.
        NDArray cube = x.mul(x).mul(x);
        NDArray inner = times(x.add(times(cube, 0.044715f)), SQRT_2_OVER_PI);
        return times(x, 0.5f).mul(plus(inner.tanh(), 1f));
    }
}
