package org.delta4j.examples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.delta4j.generate.session.CachedSessions;
import org.delta4j.generate.session.DecodingSession;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.gpt2.GPT2LMHeadModel;

/**
 * Greedy decoding with the key/value cache, as a user's loop does it through a cached {@link
 * DecodingSession}: {@code start()} runs the prompt, {@code next(tokens)} one new token per row,
 * and each row's argmax is taken in Java on the logits the session copied out. The time of every
 * phase is recorded.
 */
final class CachedGreedyDecoding {
    private final GPT2LMHeadModel model;
    private final NDManager manager;

    /**
     * @param model the language model
     * @param manager the manager under which the session keeps its arrays
     */
    CachedGreedyDecoding(GPT2LMHeadModel model, NDManager manager) {
        this.model = model;
        this.manager = manager;
    }

    /**
     * What one decoding did, and how long its phases took.
     *
     * @param tokens {@code [batch][steps + 1]}: the token chosen after the prompt, then after each
     *     step
     * @param logits the logits behind each token, {@code [steps + 1][batch][vocab]}, or {@code
     *     null} when not kept
     * @param prefillNanos the prompt's pass ({@code start()}) and its argmax
     * @param stepsNanos all the steps
     * @param nextNanos the steps' {@code next(tokens)} calls: forward pass and logits copy
     * @param argmaxNanos the steps' argmax in Java
     */
    record Run(
            long[][] tokens,
            float[][][] logits,
            long prefillNanos,
            long stepsNanos,
            long nextNanos,
            long argmaxNanos) {}

    /**
     * @param prompt {@code [batch][length]} token ids
     * @param steps the cached steps after the prompt, each feeding the last token chosen
     * @param keepLogits whether to return every step's logits
     * @return the tokens and the phases' times
     */
    Run run(long[][] prompt, int steps, boolean keepLogits) {
        int batch = prompt.length;
        long[][] tokens = new long[batch][steps + 1];
        List<float[][]> kept = new ArrayList<>();
        long nextNanos = 0;
        long argmaxNanos = 0;
        try (DecodingSession session = CachedSessions.open(model, prompt, null, null, manager)) {
            long start = System.nanoTime();
            float[][] logits = session.start();
            long[] next = argmax(logits);
            long prefill = System.nanoTime() - start;
            start = System.nanoTime();
            for (int s = 0; ; s++) {
                for (int b = 0; b < batch; b++) {
                    tokens[b][s] = next[b];
                }
                if (keepLogits) {
                    kept.add(logits);
                }
                if (s == steps) {
                    break;
                }
                long t0 = System.nanoTime();
                logits = session.next(next);
                long t1 = System.nanoTime();
                next = argmax(logits);
                nextNanos += t1 - t0;
                argmaxNanos += System.nanoTime() - t1;
            }
            long stepsNanos = System.nanoTime() - start;
            return new Run(
                    tokens,
                    keepLogits ? kept.toArray(float[][][]::new) : null,
                    prefill,
                    stepsNanos,
                    nextNanos,
                    argmaxNanos);
        }
    }

    /**
     * @param model the language model
     * @param manager the manager under which a sub-manager holds the pass's arrays
     * @param ids token ids {@code [batch][length]}
     * @return the last position's logits of one forward pass without a cache, {@code
     *     [batch][vocab]}
     */
    static float[][] lastLogitsWithoutCache(
            GPT2LMHeadModel model, NDManager manager, long[][] ids) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray logits =
                    model.forward(
                                    new ParameterStore(scope, false),
                                    ModelInputs.of(scope, Map.of("input_ids", ids)),
                                    false)
                            .get("logits");
            return lastPosition(logits);
        }
    }

    /**
     * @param logits {@code [batch, length, vocab]}
     * @return the last position's, {@code [batch][vocab]}, copied to Java as a session does
     */
    static float[][] lastPosition(NDArray logits) {
        int batch = Math.toIntExact(logits.getShape().get(0));
        int vocab = Math.toIntExact(logits.getShape().get(2));
        float[] flat = logits.get(":, -1, :").toFloatArray();
        float[][] rows = new float[batch][];
        for (int b = 0; b < batch; b++) {
            rows[b] = Arrays.copyOfRange(flat, b * vocab, (b + 1) * vocab);
        }
        return rows;
    }

    /**
     * @param logits {@code [batch][vocab]}
     * @return each row's index of the largest value (the first, on ties)
     */
    static long[] argmax(float[][] logits) {
        long[] out = new long[logits.length];
        for (int b = 0; b < logits.length; b++) {
            float[] row = logits[b];
            int best = 0;
            for (int v = 1; v < row.length; v++) {
                if (row[v] > row[best]) {
                    best = v;
                }
            }
            out[b] = best;
        }
        return out;
    }
}
