package org.delta4j.generate.logits;

import java.util.Arrays;

/**
 * transformers' {@code NoRepeatNGramLogitsProcessor}: once the row has at least {@code n - 1} ids,
 * every id that would complete an n-gram already in the row (padding included) gets {@code -inf}.
 */
public final class NoRepeatNGramProcessor implements LogitsProcessor {
    private final int n;

    /**
     * @param n {@code no_repeat_ngram_size}, positive
     */
    public NoRepeatNGramProcessor(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("no_repeat_ngram_size must be positive, got " + n);
        }
        this.n = n;
    }

    @Override
    public void process(long[] row, float[] scores) {
        int length = row.length;
        if (length + 1 < n) {
            return;
        }
        int prefixStart = length - (n - 1);
        for (int start = 0; start + n <= length; start++) {
            if (Arrays.equals(row, start, start + n - 1, row, prefixStart, length)) {
                scores[(int) row[start + n - 1]] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
