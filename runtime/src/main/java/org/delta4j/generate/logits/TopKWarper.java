package org.delta4j.generate.logits;

import java.util.Arrays;

/**
 * transformers' {@code TopKLogitsWarper}: every score below the k-th largest gets {@code -inf}
 * (ties with the k-th largest are kept).
 */
public final class TopKWarper implements LogitsProcessor {
    private final int k;

    /**
     * @param k {@code top_k}, positive
     */
    public TopKWarper(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("top_k must be positive, got " + k);
        }
        this.k = k;
    }

    @Override
    public void process(long[] row, float[] scores) {
        int kept = Math.min(k, scores.length);
        float[] sorted = scores.clone();
        Arrays.sort(sorted);
        float threshold = sorted[sorted.length - kept];
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] < threshold) {
                scores[i] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
