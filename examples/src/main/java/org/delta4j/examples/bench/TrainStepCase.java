package org.delta4j.examples.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.Map;
import org.delta4j.train.TrainableParameters;
import org.delta4j.train.optim.Gradients;
import org.delta4j.train.optim.Optimizer;

/**
 * One training step with delta4j's AdamW (lr 1e-3, weight decay 0.01, as {@code
 * torch.optim.AdamW(foreach=False)} on the PyTorch side): forward in training mode (dropout on),
 * the {@link SquaredOutputLoss}, backward, the update and zeroing the gradients, with the step's
 * arrays in a scope closed at its end. Either full fine-tuning (every weight trains) or LoRA (r 8,
 * alpha 16 on the family's modules, see {@link EncoderSetup#attachLora}, the backbone frozen). For
 * diagnosis a run can be forward, loss and backward only (gradients accumulate from run to run, as
 * in {@code bench/encoder_bench.py}), or the update alone on gradients from one backward pass.
 */
final class TrainStepCase implements BenchCase {
    /** What one run of the case does. */
    enum Part {
        /** Forward, loss, backward, update, zeroing. */
        STEP,
        /** Forward, loss and backward. */
        FORWARD_BACKWARD,
        /** The update alone. */
        UPDATE
    }

    private final Model model;
    private final Block block;
    private final NDList inputs;
    private final Map<String, Parameter> trainable;
    private final Optimizer optimizer;
    private final Part part;

    /**
     * @param setup the model and input shape
     * @param lora LoRA with a frozen backbone, or full fine-tuning
     * @param part what a run does
     */
    TrainStepCase(EncoderSetup setup, boolean lora, Part part) {
        this.part = part;
        model = Model.newInstance(lora ? "bench-train-lora" : "bench-train-full");
        block = setup.newModel(model.getNDManager());
        model.setBlock(block);
        if (lora) {
            setup.attachLora(block);
        }
        trainable = TrainableParameters.of(block);
        optimizer = BenchTraining.adamW(trainable, model.getNDManager());
        inputs = setup.inputs(model.getNDManager());
        if (part == Part.UPDATE) {
            forwardBackward();
        }
    }

    @Override
    public void runOnce() {
        if (part == Part.UPDATE) {
            optimizer.step(BenchTraining.LEARNING_RATE);
            return;
        }
        float loss = forwardBackward();
        if (part == Part.STEP) {
            optimizer.step(BenchTraining.LEARNING_RATE);
            Gradients.zero(trainable.values());
        }
        if (!Float.isFinite(loss)) {
            throw new IllegalStateException("the training loss is " + loss);
        }
    }

    private float forwardBackward() {
        return BenchTraining.forwardBackward(
                model.getNDManager(),
                block,
                inputs,
                out -> new SquaredOutputLoss().evaluate(new NDList(), out));
    }

    @Override
    public void close() {
        optimizer.close();
        model.close();
    }
}
