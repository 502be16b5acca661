package org.delta4j.train.data;

import java.util.Random;

/**
 * The order of the rows in one epoch of a shuffled set: a permutation that depends only on the seed
 * and the epoch, so a resumed run reads the rows in the order an uninterrupted one would. {@link
 * Random} is used because its sequence is fixed by its specification, the same on every JVM.
 */
final class EpochOrder {
    private EpochOrder() {}

    /**
     * @param rows the number of rows
     * @param seed the run's seed
     * @param epoch the epoch, from 0
     * @return a permutation of {@code 0 .. rows - 1}
     */
    static int[] permutation(int rows, long seed, int epoch) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Random random = new Random(mix(seed + 0x9E3779B97F4A7C15L * (epoch + 1L)));
        // Fisher-Yates: every permutation equally likely.
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** SplitMix64's finaliser: nearby (seed, epoch) pairs give unrelated generator seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
