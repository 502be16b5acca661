package org.delta4j.generate.session;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.function.Function;
import org.delta4j.nn.ForwardGate;
import org.delta4j.nn.KeyValueCache;
import org.delta4j.nn.NoGrad;

/**
 * What the cached sessions share: the model, the key/value cache, and how one step runs. A step
 * runs under the model's {@link ForwardGate} (a change to the model waits for it) with autograd
 * off, in a sub-manager closed at its end, so only the cache's arrays (and the session's own state)
 * outlive it; the last position's logits are copied out once.
 */
abstract class CachedSession implements DecodingSession {
    private final Block model;
    private final int vocabSize;
    private final int rows;
    private final NDManager manager;
    private final KeyValueCache cache;
    private boolean started;
    private boolean closed;

    /**
     * @param model the model, taking the cache through its forward parameters
     * @param vocabSize the length of a logits row
     * @param rows the number of rows
     * @param manager the manager of the session's arrays, which the session owns and closes
     */
    CachedSession(Block model, int vocabSize, int rows, NDManager manager) {
        this.model = model;
        this.vocabSize = vocabSize;
        this.rows = rows;
        this.manager = manager;
        this.cache = new KeyValueCache(manager);
    }

    @Override
    public final int vocabSize() {
        return vocabSize;
    }

    /**
     * @return the number of rows
     */
    final int rows() {
        return rows;
    }

    /**
     * @return the manager of the session's own arrays, freed on close
     */
    final NDManager manager() {
        return manager;
    }

    /**
     * @return the number of positions the cache has seen
     */
    final long cachedLength() {
        return cache.length();
    }

    @Override
    public final float[][] start() {
        requireOpen();
        if (started) {
            throw new IllegalStateException("start() was called already; call next(tokens)");
        }
        started = true;
        return step(this::startInputs);
    }

    @Override
    public final float[][] next(long[] tokens) {
        requireOpen();
        if (!started) {
            throw new IllegalStateException("Call start() before next(tokens)");
        }
        if (tokens == null || tokens.length != rows) {
            throw new IllegalArgumentException(
                    "next(tokens) needs one token per row: "
                            + rows
                            + " rows, got "
                            + (tokens == null ? "null" : tokens.length)
                            + " tokens");
        }
        return step(m -> nextInputs(m, tokens));
    }

    @Override
    public final void reorder(int[] sources) {
        requireOpen();
        if (sources == null || sources.length != rows) {
            throw new IllegalArgumentException(
                    "reorder(sources) needs one source row per row: "
                            + rows
                            + " rows, got "
                            + (sources == null ? "null" : sources.length));
        }
        for (int source : sources) {
            if (source < 0 || source >= rows) {
                throw new IllegalArgumentException(
                        "reorder(sources): source row " + source + " is not in 0.." + (rows - 1));
            }
        }
        cache.reorder(sources);
        reorderState(sources);
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            cache.close();
            manager.close();
        }
    }

    /**
     * @param step the step's manager
     * @return the first step's model inputs, named
     */
    abstract NDList startInputs(NDManager step);

    /**
     * @param step the step's manager
     * @param tokens the new token of each row
     * @return a later step's model inputs, named; the session's state advanced by one position
     */
    abstract NDList nextInputs(NDManager step, long[] tokens);

    /**
     * Reorders what the session keeps besides the cache.
     *
     * @param sources for each row, the row it takes
     */
    abstract void reorderState(int[] sources);

    /**
     * Runs a block of the model inside the step: under the gate the step holds, with the cache.
     *
     * @param block the block (the model or one of its modules)
     * @param ps the step's parameter store
     * @param inputs its inputs
     * @return its outputs
     */
    final NDList forward(Block block, ParameterStore ps, NDList inputs) {
        return block.forward(ps, inputs, false, cache.params());
    }

    /**
     * @return the model
     */
    final Block model() {
        return model;
    }

    private float[][] step(Function<NDManager, NDList> inputs) {
        return ForwardGate.of(model)
                .forward(
                        () ->
                                NoGrad.run(
                                        () -> {
                                            try (NDManager step = manager.newSubManager()) {
                                                cache.lendTo(step);
                                                NDList in = inputs.apply(step);
                                                ParameterStore ps = new ParameterStore(step, false);
                                                NDList out = forward(model, ps, in);
                                                requireDecoder();
                                                return lastLogits(out);
                                            }
                                        }));
    }

    /** A model whose attention kept nothing is no decoder, whatever else it returned. */
    private void requireDecoder() {
        if (cache.length() == 0) {
            throw new IllegalArgumentException(
                    model.getClass().getSimpleName()
                            + " is not a decoder (it kept no keys or values) and cannot generate;"
                            + " use a decoder-only or encoder-decoder model with a language-model"
                            + " head");
        }
    }

    private float[][] lastLogits(NDList outputs) {
        NDArray logits = null;
        for (NDArray a : outputs) {
            if ("logits".equals(a.getName())) {
                logits = a;
            }
        }
        Shape s = logits == null ? null : logits.getShape();
        if (s == null || s.dimension() != 3 || s.get(2) != vocabSize) {
            throw new IllegalArgumentException(
                    model.getClass().getSimpleName()
                            + " has no language-model head: decoding needs \"logits\" [batch,"
                            + " length, "
                            + vocabSize
                            + "], got "
                            + (s == null ? "no logits" : s.toString())
                            + "; load it with a generation architecture (GPT2LMHeadModel,"
                            + " BartForConditionalGeneration, T5ForConditionalGeneration)");
        }
        float[] flat = logits.get(":, -1, :").toFloatArray();
        float[][] out = new float[rows][vocabSize];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * vocabSize, out[r], 0, vocabSize);
        }
        return out;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The decoding session is closed");
        }
    }
}
