package org.delta4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * An activation module as HF's {@code ACT2FN} creates it. It has no parameters, but it is a module
 * in HF's tree ({@code layers.0.activation_fn}), so the subclasses carry HF's class names.
 */
public abstract class HfActivation extends HfBlock {
    /** The {@code activation_function} names {@link #forName(String)} accepts. */
    public static final List<String> NAMES =
            List.of("gelu", "gelu_new", "relu", "silu", "swish", "tanh");

    private HfActivation() {}

    /**
     * @param hfName an HF {@code activation_function} value, one of {@link #NAMES}
     * @return a new activation module of HF's class for that name
     * @throws IllegalArgumentException naming the supported values for any other name
     */
    public static HfActivation forName(String hfName) {
        switch (String.valueOf(hfName)) {
            case "gelu":
                return new GELUActivation();
            case "gelu_new":
                return new NewGELUActivation();
            case "relu":
                return new ReLU();
            case "silu":
            case "swish":
                return new SiLU();
            case "tanh":
                return new Tanh();
            default:
                throw new IllegalArgumentException(
                        "Unsupported activation_function \""
                                + hfName
                                + "\"; supported: "
                                + String.join(", ", NAMES));
        }
    }

    /**
     * @param x the input
     * @return the activation of {@code x}
     */
    protected abstract NDArray apply(NDArray x);

    @Override
    protected final NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(inputs.singletonOrThrow()));
    }

    @Override
    public final Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    /** HF's {@code GELUActivation}: the exact, erf-based GELU. */
    public static final class GELUActivation extends HfActivation {
        @Override
        protected NDArray apply(NDArray x) {
            return Activation.gelu(x);
        }
    }

    /**
     * HF's {@code NewGELUActivation} ({@code gelu_new}): the tanh approximation of GELU, as in
     * GPT-2.
     */
    public static final class NewGELUActivation extends HfActivation {
        @Override
        protected NDArray apply(NDArray x) {
            return Functional.geluNew(x);
        }
    }

    /** PyTorch's {@code nn.ReLU}. */
    public static final class ReLU extends HfActivation {
        @Override
        protected NDArray apply(NDArray x) {
            return Activation.relu(x);
        }
    }

    /**
     * PyTorch's {@code nn.SiLU}, which HF's {@code ACT2FN} gives for silu: {@code x * sigmoid(x)}.
     */
    public static final class SiLU extends HfActivation {
        @Override
        protected NDArray apply(NDArray x) {
            return Functional.silu(x);
        }
    }

    /** PyTorch's {@code nn.Tanh}. */
    public static final class Tanh extends HfActivation {
        @Override
        protected NDArray apply(NDArray x) {
            return Activation.tanh(x);
        }
    }
}
