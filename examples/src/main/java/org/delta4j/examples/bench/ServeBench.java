package org.delta4j.examples.bench;

import ai.djl.Model;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.delta4j.Delta4j;
import org.delta4j.models.bert.BertConfig;
import org.delta4j.serve.InferenceWorkers;

/**
 * Throughput of serving a BERT-shaped encoder ({@code org.delta4j.serve}): fixed-length requests
 * one at a time with all intra-op threads, on parallel workers that split the threads, and on
 * workers that each take all threads (oversubscribed, to show the cost); and a mixed-length
 * workload one request at a time, batched in arrival order, and bucketed by length. Each case
 * prints milliseconds per request (requests per second is 1000 / that) and how many cores and
 * threads the process kept busy. Run by {@code bench/run.sh} ({@code SERVE}). {@code --help} prints
 * the usage.
 */
public final class ServeBench {
    /** The shortest request of the mixed-length workload. */
    private static final int SHORTEST = 8;

    private ServeBench() {}

    /**
     * @param args see {@link ServeOptions#USAGE}
     * @throws IOException when the config cannot be read
     */
    public static void main(String[] args) throws IOException {
        Delta4j.offline();
        ServeOptions options =
                CommandLine.parseOrExit(args, ServeOptions.USAGE, ServeOptions::parse);
        if (options == null) {
            return;
        }
        EncoderSetup setup =
                EncoderSetup.read(options.config(), 1, options.length(), options.seed());
        if (!(setup.config() instanceof BertConfig config)) {
            throw new IllegalArgumentException(
                    options.config() + ": ServeBench serves a BERT model; give a BERT config.json");
        }
        Random random = new Random(options.seed());
        List<long[][]> fixed = new ArrayList<>();
        List<long[]> mixed = new ArrayList<>();
        for (int i = 0; i < options.requests(); i++) {
            fixed.add(new long[][] {ids(random, config, options.length())});
            mixed.add(
                    ids(
                            random,
                            config,
                            SHORTEST + random.nextInt(options.length() - SHORTEST + 1)));
        }
        System.out.printf(
                Locale.ROOT,
                "# %d layers, hidden %d; %d requests of %d tokens, and of %d..%d; %d threads; warmup %d,"
                        + " timed %d%n",
                config.numHiddenLayers(),
                config.hiddenSize(),
                options.requests(),
                options.length(),
                SHORTEST,
                options.length(),
                options.threads(),
                options.warmup(),
                options.iters());
        int threads = options.threads();
        int workers = options.workers();
        run(options, setup, "serial-1x" + threads, m -> workersCase(m, 1, threads, fixed));
        int split = Math.max(1, threads / workers);
        run(
                options,
                setup,
                "parallel-" + workers + "x" + split,
                m -> workersCase(m, workers, split, fixed));
        if (threads > 1) {
            run(
                    options,
                    setup,
                    "oversubscribed-" + workers + "x" + threads,
                    m -> workersCase(m, workers, threads, fixed));
        }
        for (MixedCase.Grouping grouping : MixedCase.Grouping.values()) {
            run(
                    options,
                    setup,
                    "mixed-" + grouping.name().toLowerCase(Locale.ROOT),
                    m ->
                            new MixedCase(
                                    m,
                                    mixed,
                                    grouping,
                                    options.batch(),
                                    options.length(),
                                    config.padTokenId()));
        }
    }

    private static WorkersCase workersCase(
            Model model, int workers, int threads, List<long[][]> requests) {
        return new WorkersCase(model, new InferenceWorkers(workers, threads), requests);
    }

    /** Times one case on a fresh model and prints its RESULT (per request) and CPU lines. */
    private static void run(
            ServeOptions options,
            EncoderSetup setup,
            String name,
            Function<Model, BenchCase> newCase) {
        Model model = Model.newInstance("serve-bench");
        model.setBlock(setup.newModel(model.getNDManager()));
        Timings perRun;
        double cores;
        int busy;
        try (BenchCase c = newCase.apply(model)) {
            for (int i = 0; i < options.warmup(); i++) {
                c.runOnce();
            }
            Map<String, Long> ticks = ThreadCpu.ticks();
            long cpu0 = processCpuNanos();
            long wall0 = System.nanoTime();
            perRun = Timings.measure(c, 0, options.iters());
            cores = (processCpuNanos() - cpu0) / (double) (System.nanoTime() - wall0);
            busy = ThreadCpu.busyThreads(ticks, ThreadCpu.ticks());
        }
        int n = options.requests();
        Timings perRequest =
                new Timings(
                        perRun.medianMs() / n,
                        perRun.p10Ms() / n,
                        perRun.p90Ms() / n,
                        perRun.count());
        System.out.println(perRequest.resultLine(options.label(), name));
        System.out.printf(Locale.ROOT, "CPU %s %s %.2f %d%n", options.label(), name, cores, busy);
    }

    private static long[] ids(Random random, BertConfig config, int length) {
        // Skip the low ids, where BERT's special tokens live (and the padding row).
        return random.longs(length, 1000, config.vocabSize()).toArray();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
