package org.delta4j.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.delta4j.nn.Child;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.LayerNorm;
import org.delta4j.nn.Linear;

/** A two-layer feed-forward model with HF-style names, for tests that need no real backbone. */
public final class TinyNet extends HfBlock {
    /** The model's width. */
    public static final int WIDTH = 8;

    private final Child layers;
    private final Child head;

    /** Creates the model, uninitialised. */
    public TinyNet() {
        this.layers = child("layers", new Layers());
        this.head = child("head", Linear.create(WIDTH, 3, false, 0.02f));
    }

    /**
     * @param manager the manager that will own the weights
     * @param seed the engine's random seed (the generator is global: this reseeds it)
     * @return a model with fresh weights, the same for the same seed
     */
    public static TinyNet seeded(NDManager manager, int seed) {
        manager.getEngine().setRandomSeed(seed);
        TinyNet net = new TinyNet();
        net.initialize(manager, DataType.FLOAT32, new Shape(1));
        return net;
    }

    /**
     * Runs a model for inference in a scratch manager, so that many runs leave nothing behind.
     *
     * @param model the model (a TinyNet, possibly with deltas)
     * @param manager the manager the scratch one is made under
     * @param x the input
     * @return the output's values
     */
    public static float[] output(Block model, NDManager manager, NDArray x) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray input = scratch.create(x.toFloatArray(), x.getShape());
            return model.forward(new ParameterStore(scratch, false), new NDList(input), false)
                    .head()
                    .toFloatArray();
        }
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return head.forward(ps, layers.forward(ps, inputs, training), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(inputShapes);
    }

    /** Two layers named 0 and 1. */
    static final class Layers extends HfBlock {
        private final List<Child> items = List.of(child("0", new Layer()), child("1", new Layer()));

        @Override
        protected NDList compute(
                ParameterStore ps, NDList x, boolean training, PairList<String, Object> p) {
            for (Child c : items) {
                x = c.forward(ps, x, training);
            }
            return x;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }

    /** fc1, fc2 and a layer norm, with a residual connection. */
    static final class Layer extends HfBlock {
        private final Child fc1 = child("fc1", Linear.create(WIDTH, 16, true, 0.3f));
        private final Child fc2 = child("fc2", Linear.create(16, WIDTH, true, 0.3f));
        private final Child norm = child("norm", new LayerNorm(WIDTH, 1e-5f));

        @Override
        protected NDList compute(
                ParameterStore ps, NDList x, boolean training, PairList<String, Object> p) {
            NDList h =
                    fc2.forward(
                            ps,
                            new NDList(Activation.gelu(fc1.forward(ps, x, training).head())),
                            training);
            return norm.forward(ps, new NDList(h.head().add(x.head())), training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }
}
