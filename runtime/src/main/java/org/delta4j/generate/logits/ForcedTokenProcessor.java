package org.delta4j.generate.logits;

import java.util.Arrays;

/**
 * transformers' {@code ForcedEOSTokenLogitsProcessor} and {@code ForcedBOSTokenLogitsProcessor}:
 * when the row reaches a given length, every id but the forced ones gets {@code -inf} and they get
 * 0.
 */
public final class ForcedTokenProcessor implements LogitsProcessor {
    private final int atLength;
    private final long[] ids;

    private ForcedTokenProcessor(int atLength, long[] ids) {
        this.atLength = atLength;
        this.ids = ids.clone();
    }

    /**
     * @param maxLength the {@code max_length} decoding runs to: the last step is forced
     * @param eosTokenIds {@code forced_eos_token_id} (one id or several)
     * @return the processor that forces eos when {@code len(row) == max_length - 1}
     */
    public static ForcedTokenProcessor eos(int maxLength, long[] eosTokenIds) {
        return new ForcedTokenProcessor(maxLength - 1, eosTokenIds);
    }

    /**
     * @param bosTokenId {@code forced_bos_token_id}
     * @return the processor that forces it when {@code len(row) == 1}: the first new token of an
     *     encoder-decoder model
     */
    public static ForcedTokenProcessor bos(long bosTokenId) {
        return new ForcedTokenProcessor(1, new long[] {bosTokenId});
    }

    @Override
    public void process(long[] row, float[] scores) {
        if (row.length == atLength) {
            Arrays.fill(scores, Float.NEGATIVE_INFINITY);
            for (long id : ids) {
                scores[(int) id] = 0f;
            }
        }
    }
}
