package org.delta4j.generate;

/** Expands a call's {@code input_ids} and {@code attention_mask} for beams or samples. */
final class Prompts {
    private Prompts() {}

    /**
     * @param rows {@code [batch][length]}
     * @param times how many times each row is repeated
     * @return {@code [batch * times][length]}, row {@code i * times + j} a copy of row i
     */
    static long[][] expand(long[][] rows, int times) {
        long[][] out = new long[rows.length * times][];
        for (int r = 0; r < out.length; r++) {
            out[r] = rows[r / times].clone();
        }
        return out;
    }
}
