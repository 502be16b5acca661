package org.delta4j.generate.logits;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * transformers' {@code TopPLogitsWarper}: with the scores sorted ascending, every id whose
 * cumulative probability (float32 softmax, float32 running sum) is at most {@code 1 - top_p} gets
 * {@code -inf}; the most likely id is always kept.
 */
public final class TopPWarper implements LogitsProcessor {
    private final double topP;

    /**
     * @param topP {@code top_p}, in {@code (0, 1]}
     */
    public TopPWarper(double topP) {
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top_p must lie in (0, 1], got " + topP);
        }
        this.topP = topP;
    }

    @Override
    public void process(long[] row, float[] scores) {
        Integer[] order =
                IntStream.range(0, scores.length)
                        .boxed()
                        .sorted(Comparator.comparingDouble(i -> scores[i]))
                        .toArray(Integer[]::new);
        float[] sorted = new float[scores.length];
        for (int i = 0; i < order.length; i++) {
            sorted[i] = scores[order[i]];
        }
        float[] probabilities = Softmax.of(sorted);
        float cutoff = (float) (1 - topP);
        float cumulative = 0f;
        for (int i = 0; i < order.length - 1; i++) {
            cumulative += probabilities[i];
            if (cumulative <= cutoff) {
                scores[order[i]] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
