package org.delta4j.examples.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.function.Function;
import org.delta4j.train.optim.Optimizer;
import org.delta4j.train.optim.OptimizerSettings;

/**
 * What the training cases share: the optimiser the PyTorch sides use too ({@code
 * torch.optim.AdamW(lr=1e-3, foreach=False)}, weight decay 0.01), and a forward and backward pass
 * whose intermediate arrays are freed at its end.
 */
final class BenchTraining {
    /** The learning rate, as in {@code bench/encoder_bench.py} and {@code bench/llama_bench.py}. */
    static final double LEARNING_RATE = 1e-3;

    private BenchTraining() {}

    /**
     * @param trainable the parameters to update
     * @param manager the manager that will own the optimiser's state
     * @return AdamW at {@link #LEARNING_RATE}, weight decay 0.01
     */
    static Optimizer adamW(Map<String, Parameter> trainable, NDManager manager) {
        return Optimizer.create(
                OptimizerSettings.defaults().withLearningRate(LEARNING_RATE).withWeightDecay(0.01),
                trainable,
                manager);
    }

    /**
     * Forward in training mode on copies of the inputs, the loss and backward, in a sub-manager of
     * {@code manager} closed at the end; gradients accumulate into the parameters.
     *
     * @param manager the manager of the model
     * @param model the model
     * @param inputs its named inputs, left as they are
     * @param loss the scalar loss of the model's outputs
     * @return the loss
     */
    static float forwardBackward(
            NDManager manager, Block model, NDList inputs, Function<NDList, NDArray> loss) {
        try (NDManager scope = manager.newSubManager()) {
            NDList data = EncoderSetup.copy(inputs);
            data.attach(scope);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray value =
                        loss.apply(model.forward(new ParameterStore(scope, false), data, true));
                collector.backward(value);
                return value.getFloat();
            }
        }
    }
}
