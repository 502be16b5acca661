package org.delta4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.Map;

/**
 * Updates parameters in place from the gradients backward left on them, as PyTorch's optimizer of
 * the same {@link OptimizerType} does with one parameter group. State (moments, momentum buffers,
 * step counts) is kept per parameter, created on the parameter's first update, and can be saved
 * ({@link #state()}) and restored ({@link #loadState}) so that a resumed run continues with the
 * same numbers. Not thread-safe: one thread steps an optimizer.
 */
public interface Optimizer extends AutoCloseable {

    /**
     * @param settings the type and hyper-parameters
     * @param parameters the parameters to update, in order, named by module path; each must be
     *     initialized, float32, on the PyTorch engine
     * @param stateManager where the optimizer's state lives (in a sub-manager closed by {@link
     *     #close()})
     * @return a new optimizer with no state yet
     * @throws IllegalArgumentException if a parameter is not initialized or not float32, or a name
     *     is empty or holds ':'
     */
    static Optimizer create(
            OptimizerSettings settings, Map<String, Parameter> parameters, NDManager stateManager) {
        return ParameterOptimizer.of(settings, parameters, stateManager);
    }

    /**
     * One update of every parameter whose gradient is defined; a parameter backward never reached
     * is skipped (as PyTorch skips {@code grad is None}), one whose gradient is all zeros is
     * updated. Adam and AdamW use each gradient as scratch space (as a fused kernel would, this
     * saves three parameter-sized temporaries per parameter): after a step the gradients hold no
     * meaningful values, so read them (norms, clipping) before and zero them after, as the trainer
     * does. SGD leaves them as they were.
     *
     * @param learningRate this step's learning rate (the schedule's value), {@code >= 0}
     */
    void step(double learningRate);

    /**
     * The per-parameter state, named {@code <parameter>:step} (an int64 scalar) and {@code
     * <parameter>:exp_avg}, {@code <parameter>:exp_avg_sq} (Adam, AdamW) or {@code
     * <parameter>:momentum_buffer} (SGD with momentum), in parameter order. Parameters not yet
     * updated have no entries. The arrays belong to the optimizer: read or copy them before the
     * next {@link #step}, {@link #state()}, {@link #loadState} or {@link #close()}, and do not
     * close them.
     *
     * @return the state, by name
     */
    Map<String, NDArray> state();

    /**
     * Replaces the whole state with copies of the given arrays, as {@link #state()} names them.
     * Parameters without entries start afresh. All or nothing: on any mismatch nothing changes.
     *
     * @param state the state to load
     * @throws OptimizerStateException naming the entry that does not fit
     */
    void loadState(Map<String, NDArray> state);

    /** Frees the state. */
    @Override
    void close();
}
