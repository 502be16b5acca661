package org.delta4j.generate.logits;

import java.util.BitSet;

/**
 * transformers' {@code RepetitionPenaltyLogitsProcessor}: the score of every distinct id in the row
 * (padding included) is multiplied by the penalty when negative and divided by it otherwise, in
 * float32.
 */
public final class RepetitionPenaltyProcessor implements LogitsProcessor {
    private final float penalty;

    /**
     * @param penalty {@code repetition_penalty}, positive; 1 changes nothing
     */
    public RepetitionPenaltyProcessor(double penalty) {
        this.penalty = (float) penalty;
    }

    @Override
    public void process(long[] row, float[] scores) {
        BitSet seen = new BitSet(scores.length);
        for (long id : row) {
            int i = (int) id;
            if (!seen.get(i)) {
                seen.set(i);
                scores[i] = scores[i] < 0 ? scores[i] * penalty : scores[i] / penalty;
            }
        }
    }
}
