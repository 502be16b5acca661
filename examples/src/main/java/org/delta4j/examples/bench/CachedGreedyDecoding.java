package org.delta4j.examples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.gpt2.GPT2LMHeadModel;
import org.delta4j.nn.KeyValueCache;
import org.delta4j.nn.NoGrad;

/**
 * Greedy decoding with the key/value cache, as a user's loop does it: the prompt in one forward
 * pass, then one pass per new token, each pass's logits of the last position copied to Java and
 * their argmax taken in Java. Each pass runs in a sub-manager closed after it (the cache keeps its
 * own arrays) with autograd off. The time of every phase is recorded.
 */
final class CachedGreedyDecoding {
    private final GPT2LMHeadModel model;
    private final NDManager manager;

    /**
     * @param model the language model
     * @param manager the manager under which each pass's arrays and the cache live
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
     * @param prefillNanos the prompt's pass, with its logits copy and argmax
     * @param stepsNanos all the steps
     * @param forwardNanos the steps' forward passes (inputs included)
     * @param logitsNanos the steps' copies of the last position's logits to Java
     * @param argmaxNanos the steps' argmax in Java
     */
    record Run(
            long[][] tokens,
            float[][][] logits,
            long prefillNanos,
            long stepsNanos,
            long forwardNanos,
            long logitsNanos,
            long argmaxNanos) {}

    /**
     * @param prompt {@code [batch][length]} token ids
     * @param steps the cached steps after the prompt, each feeding the last token chosen
     * @param keepLogits whether to return every step's logits
     * @return the tokens and the phases' times
     */
    Run run(long[][] prompt, int steps, boolean keepLogits) {
        return NoGrad.run(() -> decode(prompt, steps, keepLogits));
    }

    private Run decode(long[][] prompt, int steps, boolean keepLogits) {
        int batch = prompt.length;
        long[][] tokens = new long[batch][steps + 1];
        List<float[][]> kept = new ArrayList<>();
        long[] phases = new long[3];
        try (KeyValueCache cache = new KeyValueCache(manager)) {
            long start = System.nanoTime();
            float[][] logits = pass(cache, prompt, new long[3]);
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
                long[][] ids = new long[batch][1];
                for (int b = 0; b < batch; b++) {
                    ids[b][0] = next[b];
                }
                logits = pass(cache, ids, phases);
                long t = System.nanoTime();
                next = argmax(logits);
                phases[2] += System.nanoTime() - t;
            }
            long stepsNanos = System.nanoTime() - start;
            return new Run(
                    tokens,
                    keepLogits ? kept.toArray(float[][][]::new) : null,
                    prefill,
                    stepsNanos,
                    phases[0],
                    phases[1],
                    phases[2]);
        }
    }

    /** One forward pass; adds its forward and copy times to {@code phases[0]} and {@code [1]}. */
    private float[][] pass(KeyValueCache cache, long[][] ids, long[] phases) {
        try (NDManager scope = manager.newSubManager()) {
            long t0 = System.nanoTime();
            NDArray logits =
                    model.forward(
                                    new ParameterStore(scope, false),
                                    ModelInputs.of(scope, Map.of("input_ids", ids)),
                                    false,
                                    cache.params())
                            .get("logits");
            long t1 = System.nanoTime();
            float[][] rows = lastPosition(logits);
            phases[0] += t1 - t0;
            phases[1] += System.nanoTime() - t1;
            return rows;
        }
    }

    /**
     * @param logits {@code [batch, length, vocab]}
     * @return the last position's, {@code [batch][vocab]}
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
