package org.delta4j.generate.session;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
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
     * @return an opener of cached sessions, each holding its arrays in a manager of its own, freed
     *     when the session closes
     */
    public static SessionOpener opener() {
        return inputs -> open(inputs, NDManager.newBaseManager());
    }

    /**
     * Opens a cached session.
     *
     * @param model a {@link org.delta4j.models.CausalLanguageModel} (GPT-2, Llama, ...) or an
     *     encoder-decoder model (BART, T5; see {@link ModelKind})
     * @param inputIds the rows, already expanded for beams, {@code [rows][length]}; left-padded for
     *     a decoder-only model
     * @param attentionMask 1 for tokens, 0 for padding, the shape of {@code inputIds}; null for all
     *     ones
     * @param decoderStartTokenId the decoder's first token for an encoder-decoder model; ignored
     *     (may be null) for a decoder-only one
     * @param manager the manager under which the session keeps its arrays
     * @return the session, which the caller closes
     * @throws IllegalArgumentException for a model that cannot generate, a missing start id, rows
     *     of unequal or zero length, ids outside the vocabulary, or a mask that does not fit them
     */
    public static DecodingSession open(
            Block model,
            long[][] inputIds,
            long[][] attentionMask,
            Long decoderStartTokenId,
            NDManager manager) {
        ModelKind kind = ModelKind.of(model);
        long vocab = ((HasInputLimits) model).inputLimits().vocabSize();
        long[][] mask = PromptRows.check(inputIds, attentionMask, vocab);
        if (kind == ModelKind.ENCODER_DECODER && decoderStartTokenId == null) {
            throw new IllegalArgumentException(
                    model.getClass().getSimpleName()
                            + " is an encoder-decoder model: decoding needs a"
                            + " decoder_start_token_id (set it in the generation config or"
                            + " config.json)");
        }
        long start = kind == ModelKind.ENCODER_DECODER ? decoderStartTokenId : -1;
        return open(new SessionInputs(model, kind, inputIds, mask, start), manager.newSubManager());
    }

    /** A session that owns {@code manager}. */
    private static DecodingSession open(SessionInputs inputs, NDManager manager) {
        Block model = inputs.model();
        int vocab = Math.toIntExact(((HasInputLimits) model).inputLimits().vocabSize());
        return inputs.kind() == ModelKind.ENCODER_DECODER
                ? new CachedEncoderDecoderSession(
                        model,
                        vocab,
                        inputs.inputIds(),
                        inputs.attentionMask(),
                        inputs.decoderStartTokenId(),
                        manager)
                : new CachedDecoderSession(
                        model, vocab, inputs.inputIds(), inputs.attentionMask(), manager);
    }
}
