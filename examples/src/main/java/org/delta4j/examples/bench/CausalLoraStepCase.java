package org.delta4j.examples.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.Map;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.train.TrainableParameters;
import org.delta4j.train.optim.Gradients;
import org.delta4j.train.optim.Optimizer;
import org.delta4j.train.task.TaskLoss;

/**
 * One LoRA training step of a causal language model loaded from its folder: LoRA r 8, alpha 16 on
 * {@code q_proj} and {@code v_proj} (PEFT's targets for the Llama family), the backbone frozen;
 * forward in training mode, the causal-LM loss (next-token cross-entropy, the inputs as labels),
 * backward, delta4j's AdamW and zeroing the gradients.
 */
final class CausalLoraStepCase implements BenchCase {
    private final Model model;
    private final Block block;
    private final NDList inputs;
    private final NDArray labels;
    private final TaskLoss task;
    private final Map<String, Parameter> trainable;
    private final Optimizer optimizer;

    CausalLoraStepCase(LlamaSetup setup) {
        model = setup.load("bench-train-lora");
        block = model.getBlock();
        TuningSpec.builder()
                .add(LoraSpec.builder().modules("q_proj", "v_proj").r(8).alpha(16).build())
                .freeze(FreezeSpec.builder().build())
                .build()
                .attach(block);
        trainable = TrainableParameters.of(block);
        optimizer = BenchTraining.adamW(trainable, model.getNDManager());
        task = TaskLoss.of(block);
        inputs = setup.inputs(model.getNDManager());
        labels = inputs.get("input_ids").duplicate();
    }

    @Override
    public void runOnce() {
        float loss =
                BenchTraining.forwardBackward(
                        model.getNDManager(), block, inputs, out -> task.loss(out, labels));
        optimizer.step(BenchTraining.LEARNING_RATE);
        Gradients.zero(trainable.values());
        if (!Float.isFinite(loss)) {
            throw new IllegalStateException("the training loss is " + loss);
        }
    }

    @Override
    public void close() {
        optimizer.close();
        model.close();
    }
}
