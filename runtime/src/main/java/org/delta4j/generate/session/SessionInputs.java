package org.delta4j.generate.session;

import ai.djl.nn.Block;

/**
 * What a decoding session is opened on: the model and the rows it continues, already expanded (each
 * input row repeated {@code num_beams} or {@code num_return_sequences} times).
 *
 * @param model the model, whose parameters stay where they are
 * @param kind how it generates
 * @param inputIds {@code [rows][length]}: the prompt (decoder-only, left-padded) or the encoder
 *     input (encoder-decoder)
 * @param attentionMask {@code [rows][length]}, 1 on tokens and 0 on padding
 * @param decoderStartTokenId the id an encoder-decoder model's decoder starts from; unused for a
 *     decoder-only model
 */
public record SessionInputs(
        Block model,
        ModelKind kind,
        long[][] inputIds,
        long[][] attentionMask,
        long decoderStartTokenId) {}
