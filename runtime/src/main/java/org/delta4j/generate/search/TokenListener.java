package org.delta4j.generate.search;

/**
 * Hears each decoding step as it happens: the streaming form of generation. Called on the thread
 * that generates, after the step's tokens are chosen and before the next step runs.
 */
@FunctionalInterface
public interface TokenListener {
    /** A listener that does nothing. */
    TokenListener NONE = (step, tokens, finished) -> {};

    /**
     * @param step the step, from 0
     * @param tokens each row's new token (greedy and sampling: the rows of the expanded batch,
     *     {@code pad_token_id} once a row has finished; beam search: each beam's token after the
     *     beams were reordered, provisional until the search ends)
     * @param finished for each row, whether it is finished (greedy and sampling: it has produced an
     *     eos id; beam search: its input row has all its hypotheses)
     */
    void onStep(int step, long[] tokens, boolean[] finished);
}
