package org.delta4j.generate.session;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.Arrays;
import org.delta4j.backbone.HasEncoder;
import org.delta4j.backbone.TakesNamedInputs;
import org.delta4j.models.HasInputLimits;

/**
 * Opens {@link DecodingSession}s that keep a key/value cache: each step runs only the new token of
 * every row against the keys and values of the earlier ones, and an encoder-decoder model's encoder
 * runs once. Memory per session: the cache, {@code 2 * layers * rows * (prefix + length) * hidden}
 * floats for the self-attention plus as much for the source in the cross-attention.
 */
public final class CachedSessions {
    private CachedSessions() {}

    /**
     * Opens a cached session.
     *
     * @param model a decoder-only model taking {@code input_ids}, {@code attention_mask} and {@code
     *     position_ids} (such as GPT-2's), or an encoder-decoder model ({@link HasEncoder}, such as
     *     BART's or T5's), with a language-model head returning {@code logits}
     * @param inputIds the rows, already expanded for beams, {@code [rows][length]}; left-padded for
     *     a decoder-only model
     * @param attentionMask 1 for tokens, 0 for padding, the shape of {@code inputIds}; null for all
     *     ones
     * @param decoderStartTokenId the decoder's first token for an encoder-decoder model; ignored
     *     (may be null) for a decoder-only one
     * @param manager the manager under which the session keeps its arrays
     * @return the session, which the caller closes
     * @throws IllegalArgumentException for a model that is neither, a missing start id, or rows of
     *     unequal or zero length, or a mask that does not fit them
     */
    public static DecodingSession open(
            Block model,
            long[][] inputIds,
            long[][] attentionMask,
            Long decoderStartTokenId,
            NDManager manager) {
        long[][] mask = attentionMask == null ? ones(inputIds) : attentionMask;
        requireRows(inputIds, mask);
        boolean encoderDecoder = model instanceof HasEncoder;
        boolean decoderOnly =
                model instanceof TakesNamedInputs
                        && ((TakesNamedInputs) model).inputNames().contains("position_ids");
        if (!(model instanceof HasInputLimits) || !(encoderDecoder || decoderOnly)) {
            throw new IllegalArgumentException(
                    model.getClass().getSimpleName()
                            + " cannot generate: it is neither a decoder-only model (taking"
                            + " input_ids, attention_mask and position_ids) nor an encoder-decoder"
                            + " model; use GPT2LMHeadModel, BartForConditionalGeneration or"
                            + " T5ForConditionalGeneration");
        }
        int vocab = vocabSize(model);
        if (encoderDecoder) {
            if (decoderStartTokenId == null) {
                throw new IllegalArgumentException(
                        model.getClass().getSimpleName()
                                + " is an encoder-decoder model: decoding needs a"
                                + " decoder_start_token_id (set it in the generation config or"
                                + " config.json)");
            }
            return new CachedEncoderDecoderSession(
                    model, vocab, inputIds, mask, decoderStartTokenId, manager);
        }
        return new CachedDecoderSession(model, vocab, inputIds, mask, manager);
    }

    private static int vocabSize(Block model) {
        return Math.toIntExact(((HasInputLimits) model).inputLimits().vocabSize());
    }

    private static void requireRows(long[][] ids, long[][] mask) {
        if (ids == null || ids.length == 0 || ids[0].length == 0) {
            throw new IllegalArgumentException(
                    "input_ids must hold at least one row of at least one token");
        }
        if (mask.length != ids.length) {
            throw new IllegalArgumentException(
                    "attention_mask has "
                            + mask.length
                            + " rows; input_ids has "
                            + ids.length
                            + ": give one mask row per input row");
        }
        for (int r = 0; r < ids.length; r++) {
            if (ids[r].length != ids[0].length) {
                throw new IllegalArgumentException(
                        "input_ids row "
                                + r
                                + " has "
                                + ids[r].length
                                + " tokens, row 0 has "
                                + ids[0].length
                                + ": pad every row to the same length");
            }
            if (mask[r].length != ids[r].length) {
                throw new IllegalArgumentException(
                        "attention_mask row "
                                + r
                                + " has "
                                + mask[r].length
                                + " columns, input_ids row "
                                + r
                                + " has "
                                + ids[r].length
                                + " tokens: give one mask value per token");
            }
        }
    }

    private static long[][] ones(long[][] ids) {
        long[][] out = new long[ids == null ? 0 : ids.length][];
        for (int r = 0; r < out.length; r++) {
            out[r] = new long[ids[r].length];
            Arrays.fill(out[r], 1);
        }
        return out;
    }
}
