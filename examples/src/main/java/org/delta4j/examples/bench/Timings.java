package org.delta4j.examples.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Summary of repeated timings, with the same definitions as {@code bench/encoder_bench.py}: median,
 * and the 10th and 90th percentiles by the nearest-rank method.
 *
 * @param medianMs the median, in milliseconds
 * @param p10Ms the 10th percentile
 * @param p90Ms the 90th percentile
 * @param count how many timings
 */
public record Timings(double medianMs, double p10Ms, double p90Ms, int count) {
    /**
     * @param nanos the timings, in nanoseconds
     * @return their summary
     * @throws IllegalArgumentException when there are none
     */
    public static Timings of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no timings");
        }
        double[] ms = Arrays.stream(nanos).mapToDouble(n -> n / 1e6).sorted().toArray();
        int n = ms.length;
        double median = n % 2 == 1 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
        return new Timings(median, nearestRank(ms, 0.1), nearestRank(ms, 0.9), n);
    }

    /**
     * Runs a case {@code warmup} times untimed, collects garbage, then times {@code iters} runs.
     *
     * @param benchCase the case, built
     * @param warmup untimed runs
     * @param iters timed runs, at least 1
     * @return their summary
     */
    static Timings measure(BenchCase benchCase, int warmup, int iters) {
        return measure(benchCase, warmup, 0, iters);
    }

    /**
     * Runs a case at least {@code warmup} times and for at least {@code warmupSeconds} untimed,
     * collects garbage, then times {@code iters} runs.
     *
     * @param benchCase the case, built
     * @param warmup untimed runs, at least
     * @param warmupSeconds untimed seconds, at least
     * @param iters timed runs, at least 1
     * @return their summary
     */
    static Timings measure(BenchCase benchCase, int warmup, double warmupSeconds, int iters) {
        return measureInTurns(List.of(benchCase), warmup, warmupSeconds, iters).get(0);
    }

    /**
     * Times several cases in turns, one call of each per turn, so that a drift in the machine's
     * speed (other processes, the allocator warming up) hits all of them alike: what a ratio
     * between them needs.
     *
     * @param cases the cases, built
     * @param warmup untimed calls of each, at least 0
     * @param warmupSeconds untimed seconds, at least: the JVM compiles hot code in background
     *     threads for its first seconds, on the cores the timed calls need, so a warm-up counted in
     *     calls alone times a JVM that is still compiling (BENCHMARKS.md, "Warm-up")
     * @param iters timed calls of each, at least 1
     * @return their summaries, in the order of {@code cases}
     */
    static List<Timings> measureInTurns(
            List<BenchCase> cases, int warmup, double warmupSeconds, int iters) {
        long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
        for (int i = 0; i < warmup || System.nanoTime() < end; i++) {
            cases.forEach(BenchCase::runOnce);
        }
        System.gc();
        long[][] nanos = new long[cases.size()][iters];
        for (int i = 0; i < iters; i++) {
            for (int c = 0; c < cases.size(); c++) {
                long start = System.nanoTime();
                cases.get(c).runOnce();
                nanos[c][i] = System.nanoTime() - start;
            }
        }
        return Arrays.stream(nanos).map(Timings::of).toList();
    }

    /**
     * @param label the run's label (such as {@code djl})
     * @param name the case
     * @return {@code RESULT <label> <case> <median ms> <p10 ms> <p90 ms> <count>}, the line {@code
     *     bench/run.sh} collects
     */
    public String resultLine(String label, String name) {
        return String.format(
                Locale.ROOT,
                "RESULT %s %s %.3f %.3f %.3f %d",
                label,
                name,
                medianMs,
                p10Ms,
                p90Ms,
                count);
    }

    private static double nearestRank(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
