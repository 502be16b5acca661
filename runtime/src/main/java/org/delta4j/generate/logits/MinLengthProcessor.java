package org.delta4j.generate.logits;

/**
 * transformers' {@code MinNewTokensLengthLogitsProcessor} (and, with nothing to skip, {@code
 * MinLengthLogitsProcessor}): every eos id gets {@code -inf} while {@code len(row) - skip} is below
 * the minimum.
 */
public final class MinLengthProcessor implements LogitsProcessor {
    private final int skip;
    private final int minimum;
    private final long[] eosTokenIds;

    /**
     * @param skip {@code prompt_length_to_skip}: the padded prompt width (decoder-only) or 1 (the
     *     decoder start id); 0 for {@code min_length}
     * @param minimum {@code min_new_tokens} (or {@code min_length})
     * @param eosTokenIds every eos id
     */
    public MinLengthProcessor(int skip, int minimum, long[] eosTokenIds) {
        this.skip = skip;
        this.minimum = minimum;
        this.eosTokenIds = eosTokenIds.clone();
    }

    @Override
    public void process(long[] row, float[] scores) {
        if (row.length - skip < minimum) {
            LogitsProcessors.ban(scores, eosTokenIds);
        }
    }
}
