package org.delta4j.models;

import ai.djl.ndarray.NDArray;

/**
 * An encoder-decoder language model trained by teacher forcing: its decoder reads the target labels
 * shifted right, as HF's models derive {@code decoder_input_ids} from {@code labels}.
 */
public interface TeacherForced {
    /**
     * HF's {@code shift_tokens_right} (BART) or {@code _shift_right} (T5).
     *
     * @param labels {@code [batch, length]} int64 target ids, {@code -100} on ignored positions
     * @return {@code [batch, length]}: {@code decoder_start_token_id}, then the labels without
     *     their last column, {@code -100} replaced by {@code pad_token_id}
     * @throws IllegalStateException when the config defines no {@code decoder_start_token_id}
     */
    NDArray decoderInputIds(NDArray labels);
}
