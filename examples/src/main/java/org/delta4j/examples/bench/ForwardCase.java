package org.delta4j.examples.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.lora.LoraMerge;

/**
 * Inference: one forward pass of the whole model in eval mode (no dropout, no autograd), its
 * intermediates freed after each pass; the encoder-style model plain, with LoRA attached and not
 * merged (LoRA's path runs beside each frozen weight), or with LoRA merged into the weights.
 */
final class ForwardCase implements BenchCase {
    private final Model model;
    private final NDList inputs;

    /**
     * @param model the model, with its block; closed with the case
     * @param inputs its named inputs, in the model's manager
     */
    ForwardCase(Model model, NDList inputs) {
        this.model = model;
        this.inputs = inputs;
    }

    /** The whole base model of the encoder benchmark. */
    static ForwardCase encoder(EncoderSetup setup) {
        return encoder(setup, false, false);
    }

    /** The base model of the encoder benchmark with LoRA attached, unmerged. */
    static ForwardCase encoderWithLora(EncoderSetup setup) {
        return encoder(setup, true, false);
    }

    /**
     * The base model of the encoder benchmark with LoRA attached and merged into the weights, still
     * attached (PEFT's {@code merge_adapter}).
     */
    static ForwardCase encoderWithMergedLora(EncoderSetup setup) {
        return encoder(setup, true, true);
    }

    private static ForwardCase encoder(EncoderSetup setup, boolean lora, boolean merged) {
        Model model = Model.newInstance(lora ? "bench-forward-lora" : "bench-forward");
        Block block = setup.newModel(model.getNDManager());
        if (lora) {
            Tuning tuning = setup.attachLora(block);
            if (merged) {
                LoraMerge.merge(tuning);
            }
        }
        model.setBlock(block);
        return new ForwardCase(model, setup.inputs(model.getNDManager()));
    }

    /** The Llama-family language model, loaded from its folder. */
    static ForwardCase causal(LlamaSetup setup) {
        Model model = setup.load("bench-forward");
        return new ForwardCase(model, setup.inputs(model.getNDManager()));
    }

    @Override
    public void runOnce() {
        run(false);
    }

    /**
     * Runs one pass, as {@link #runOnce} does, and counts what it leaves behind.
     *
     * @return the arrays left in the pass's manager at its end, its inputs included
     */
    int runAndCountArrays() {
        return run(true);
    }

    /** Counting walks the manager's resources, so the timed passes do not. */
    private int run(boolean count) {
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDList in = EncoderSetup.copy(inputs);
            in.attach(scope);
            model.getBlock().forward(new ParameterStore(scope, false), in, false);
            return count ? scope.getManagedArrays().size() : 0;
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
