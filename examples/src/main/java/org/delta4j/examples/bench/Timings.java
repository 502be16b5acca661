package org.delta4j.examples.bench;

import java.util.Arrays;

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

    private static double nearestRank(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
