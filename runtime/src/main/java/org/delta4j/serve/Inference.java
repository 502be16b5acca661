package org.delta4j.serve;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.function.Function;
import org.delta4j.nn.NoGrad;

/**
 * One forward pass for one request, as evaluation needs it: no dropout ({@code training=false}), no
 * graph recorded and every array in the request's manager.
 *
 * <p>PyTorch records gradients per thread, and DJL turns recording off only in the thread that
 * started the engine: in a worker thread, a pass over trainable parameters (an attached, unfrozen
 * LoRA) would record a graph and keep every intermediate alive for a backward pass that never
 * comes. Both methods switch recording off in the calling thread for the pass and restore it after.
 */
public final class Inference {
    private Inference() {}

    /**
     * Runs the model's forward pass in eval mode with gradient recording off.
     *
     * @param model the model, such as a root block {@code HfModels} loads
     * @param request the request's manager: the outputs and every intermediate live there, freed
     *     when it closes; the inputs should live there too
     * @param inputs the model's inputs
     * @return the model's outputs, recording no graph
     */
    public static NDList forward(Block model, NDManager request, NDList inputs) {
        return NoGrad.run(() -> model.forward(new ParameterStore(request, false), inputs, false));
    }

    /**
     * Runs one request in a manager of its own, closed before this returns: the model's memory and
     * the parent's do not grow however many requests run.
     *
     * @param model the model
     * @param parent the manager under which the request's manager opens (any thread may share it)
     * @param inputs makes the model's inputs in the request's manager
     * @param read turns the outputs into Java values (not arrays: they are freed on return); runs
     *     with recording off too
     * @param <T> the request's result type
     * @return what {@code read} returned
     */
    public static <T> T run(
            Block model,
            NDManager parent,
            Function<NDManager, NDList> inputs,
            Function<NDList, T> read) {
        try (NDManager request = parent.newSubManager()) {
            return NoGrad.run(() -> read.apply(forward(model, request, inputs.apply(request))));
        }
    }
}
