package org.delta4j.examples.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.delta4j.models.gpt2.GPT2Config;
import org.delta4j.models.gpt2.GPT2LMHeadModel;
import org.delta4j.nn.Functional;
import org.delta4j.nn.NoGrad;

/**
 * The decoding benchmark's cases ({@link DecodeOptions#CASES}) on one model and batch size; each
 * returns its {@code RESULT} lines, case names suffixed with {@code -b<batch>}. {@code
 * bench/decode_bench.py} implements the same cases for PyTorch.
 */
final class DecodeCases {
    /**
     * Timed calls of the {@code concat}, {@code head} and {@code copy} cases per timed run of the
     * others: they take (sub)milliseconds.
     */
    private static final int SHORT_CALLS_PER_RUN = 20;

    private final GPT2LMHeadModel model;
    private final NDManager manager;
    private final DecodeSetup setup;
    private final DecodeOptions options;

    /**
     * @param model the language model
     * @param manager the manager of the model, under which each case's arrays live
     * @param setup the batch shape
     * @param options the warm-up and timed run counts and the label
     */
    DecodeCases(
            GPT2LMHeadModel model, NDManager manager, DecodeSetup setup, DecodeOptions options) {
        this.model = model;
        this.manager = manager;
        this.setup = setup;
        this.options = options;
    }

    /**
     * @param name a case of {@link DecodeOptions#CASES}
     * @return its result lines
     */
    List<String> run(String name) {
        return switch (name) {
            case "decode" -> decode();
            case "recompute" -> recompute();
            case "concat" -> concat();
            case "head" -> head();
            case "copy" -> copy();
            default ->
                    throw new IllegalArgumentException(
                            "unknown case \"" + name + "\"; the cases are " + DecodeOptions.CASES);
        };
    }

    /** Prefill, then ms per new token over the cached steps, and the steps' parts. */
    private List<String> decode() {
        CachedGreedyDecoding decoding = new CachedGreedyDecoding(model, manager);
        long[][] prompt = setup.tokens(setup.prompt());
        int steps = setup.newTokens();
        List<CachedGreedyDecoding.Run> runs = new ArrayList<>();
        for (int i = 0; i < options.warmup() + options.iters(); i++) {
            CachedGreedyDecoding.Run run = decoding.run(prompt, steps, false);
            if (i >= options.warmup()) {
                runs.add(run);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line("prefill", runs, CachedGreedyDecoding.Run::prefillNanos));
        lines.add(line("decode-cached", runs, r -> r.stepsNanos() / steps));
        lines.add(line("step-next", runs, r -> r.nextNanos() / steps));
        lines.add(line("step-argmax", runs, r -> r.argmaxNanos() / steps));
        return lines;
    }

    /** One forward pass over prompt and new tokens without a cache: a token's cost without one. */
    private List<String> recompute() {
        long[][] ids = setup.tokens(total());
        long[] nanos = timed(() -> NoGrad.run(() -> recomputeOnce(ids)), options.iters());
        return List.of(Timings.of(nanos).resultLine(options.label(), name("recompute-" + total())));
    }

    private void recomputeOnce(long[][] ids) {
        CachedGreedyDecoding.argmax(
                CachedGreedyDecoding.lastLogitsWithoutCache(model, manager, ids));
    }

    /**
     * The last step's cache appends alone: for every layer, keys and values of {@code total - 1}
     * positions joined with one new position, as {@link org.delta4j.nn.KeyValueCache} does.
     */
    private List<String> concat() {
        GPT2Config c = setup.config();
        long headDim = c.nEmbd() / c.nHead();
        try (NDManager scope = manager.newSubManager()) {
            NDArray cached =
                    scope.randomNormal(new Shape(setup.batch(), c.nHead(), total() - 1, headDim));
            NDArray fresh = scope.randomNormal(new Shape(setup.batch(), c.nHead(), 1, headDim));
            int appends = 2 * c.nLayer();
            long[] nanos =
                    timed(
                            () -> {
                                for (int i = 0; i < appends; i++) {
                                    NDArrays.concat(new NDList(cached, fresh), 2).close();
                                }
                            },
                            options.iters() * SHORT_CALLS_PER_RUN);
            return List.of(
                    Timings.of(nanos).resultLine(options.label(), name("kv-concat-" + total())));
        }
    }

    /**
     * The language-model head alone on one position per row, {@code [batch, 1, n_embd] -> [batch,
     * 1, vocab]}: the part of a step's forward pass that does not depend on the layers.
     */
    private List<String> head() {
        Block lmHead = model.getChildren().get("lm_head");
        try (NDManager scope = manager.newSubManager()) {
            NDArray hidden =
                    scope.randomNormal(new Shape(setup.batch(), 1, setup.config().nEmbd()));
            long[] nanos =
                    timed(
                            () -> NoGrad.run(() -> headOnce(lmHead, scope, hidden)),
                            options.iters() * SHORT_CALLS_PER_RUN);
            return List.of(Timings.of(nanos).resultLine(options.label(), name("lm-head")));
        }
    }

    private static void headOnce(Block lmHead, NDManager manager, NDArray hidden) {
        try (NDManager scope = manager.newSubManager()) {
            Functional.call(lmHead, new ParameterStore(scope, false), false, null, hidden);
        }
    }

    /**
     * The copy of one position's logits to Java, {@code [batch, 1, vocab] -> float[batch][vocab]},
     * as a session's step ends; PyTorch's loop has no such step.
     */
    private List<String> copy() {
        try (NDManager scope = manager.newSubManager()) {
            NDArray logits =
                    scope.randomNormal(new Shape(setup.batch(), 1, setup.config().vocabSize()));
            long[] nanos =
                    timed(
                            () -> CachedGreedyDecoding.lastPosition(logits),
                            options.iters() * SHORT_CALLS_PER_RUN);
            return List.of(Timings.of(nanos).resultLine(options.label(), name("logits-copy")));
        }
    }

    /** Runs the work {@code warmup} times untimed, then {@code count} times timed. */
    private long[] timed(Runnable work, int count) {
        for (int i = 0; i < options.warmup(); i++) {
            work.run();
        }
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private String line(
            String caseName,
            List<CachedGreedyDecoding.Run> runs,
            ToLongFunction<CachedGreedyDecoding.Run> nanos) {
        return Timings.of(runs.stream().mapToLong(nanos).toArray())
                .resultLine(options.label(), name(caseName));
    }

    private int total() {
        return setup.prompt() + setup.newTokens();
    }

    private String name(String caseName) {
        return caseName + "-b" + setup.batch();
    }
}
