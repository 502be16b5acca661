package org.delta4j.generate.session;

/**
 * The model side of decoding: the next-token logits of a batch of rows, one new token per row and
 * step. A decoding algorithm (greedy, sampling, beam search) drives it and never sees the model.
 *
 * <p>Rows are the expanded batch: {@code batch * num_beams} for beam search, row {@code i *
 * num_beams + j} being beam {@code j} of input row {@code i}. A session belongs to one decoding
 * call on one thread; closing it frees what it holds (its key/value cache).
 */
public interface DecodingSession extends AutoCloseable {
    /**
     * @return the vocabulary size, the length of every logits row
     */
    int vocabSize();

    /**
     * The sequences decoding continues, which logits processors see and the output starts with: for
     * a decoder-only model the prompt as passed (padding included); for an encoder-decoder model
     * the decoder start id alone.
     *
     * @return {@code [rows][length]} token ids; a fresh copy
     */
    long[][] initialSequences();

    /**
     * Runs the initial sequences (for an encoder-decoder model: the encoder, then the start id);
     * called once, first.
     *
     * @return the logits for the token after them, {@code [rows][vocab]}
     */
    float[][] start();

    /**
     * Appends one token to every row and runs it.
     *
     * @param tokens the new token of each row, {@code [rows]}
     * @return the logits for the token after it, {@code [rows][vocab]}
     */
    float[][] next(long[] tokens);

    /**
     * Reorders the rows before the next step (beam search): row {@code r} continues what row {@code
     * sources[r]} held. Sources stay within the same input row's beams.
     *
     * @param sources for each row, the row whose state it takes, {@code [rows]}
     */
    void reorder(int[] sources);

    /** Frees the session's state; further calls fail. */
    @Override
    void close();
}
