package org.delta4j.generate.search;

import java.util.Arrays;

/** Row bookkeeping shared by the searches. */
final class Sequences {
    private Sequences() {}

    /**
     * @param rows the sequences
     * @param sources for each output row, the row it continues ({@code null}: each its own)
     * @param tokens for each output row, the token appended
     * @return the new sequences
     */
    static long[][] extend(long[][] rows, int[] sources, long[] tokens) {
        long[][] out = new long[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            long[] from = rows[sources == null ? r : sources[r]];
            out[r] = Arrays.copyOf(from, from.length + 1);
            out[r][from.length] = tokens[r];
        }
        return out;
    }
}
