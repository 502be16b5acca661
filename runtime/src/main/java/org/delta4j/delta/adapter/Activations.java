package org.delta4j.delta.adapter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.spec.ArgumentRules;

/** The non-linearity inside an adapter, by OpenDelta's names; a block without parameters. */
public final class Activations extends HfBlock {
    private final String name;

    /**
     * @param name one of {@link ArgumentRules#NON_LINEARITIES}
     */
    public Activations(String name) {
        this.name = ArgumentRules.oneOf("nonLinearity", name, ArgumentRules.NON_LINEARITIES);
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(inputs.singletonOrThrow()));
    }

    private NDArray apply(NDArray x) {
        switch (name) {
            case "gelu_new":
                return Functional.geluNew(x);
            case "gelu":
            case "gelu_orig":
                return Activation.gelu(x);
            case "relu":
                return Activation.relu(x);
            case "tanh":
                return Activation.tanh(x);
            case "swish":
                return Functional.silu(x);
            default:
                return Activation.leakyRelu(x, 0.01f);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
