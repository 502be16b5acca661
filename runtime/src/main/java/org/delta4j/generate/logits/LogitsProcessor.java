package org.delta4j.generate.logits;

/**
 * Changes one row's next-token scores in place, as one of transformers' {@code LogitsProcessor}s
 * does for that row. Implementations hold no per-call state, so one may serve several threads.
 */
@FunctionalInterface
public interface LogitsProcessor {
    /**
     * @param row the row's ids so far, as transformers' processors see them: a decoder-only model's
     *     padded prompt and new tokens, an encoder-decoder model's decoder ids (start id first)
     * @param scores the row's next-token scores, {@code [vocab]}, changed in place
     */
    void process(long[] row, float[] scores);
}
