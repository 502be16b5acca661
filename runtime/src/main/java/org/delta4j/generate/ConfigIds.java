package org.delta4j.generate;

import org.slf4j.Logger;

/** The token ids of a configuration, checked against a vocabulary and defaulted as HF does. */
final class ConfigIds {
    private ConfigIds() {}

    static void requireInVocabulary(GenerationConfig c, long vocabSize) {
        inVocabulary("bos_token_id", c.bosTokenId(), vocabSize);
        inVocabulary("pad_token_id", c.padTokenId(), vocabSize);
        inVocabulary("decoder_start_token_id", c.decoderStartTokenId(), vocabSize);
        inVocabulary("forced_bos_token_id", c.forcedBosTokenId(), vocabSize);
        for (long id : c.eosTokenIds()) {
            inVocabulary("eos_token_id", id, vocabSize);
        }
        for (long id : c.forcedEosTokenIds()) {
            inVocabulary("forced_eos_token_id", id, vocabSize);
        }
    }

    /**
     * @return {@code pad_token_id}, else the first eos id (HF's open-end generation, noted in the
     *     log), else 0 (never written: without eos no row finishes early)
     */
    static long padTokenId(GenerationConfig c, Logger log) {
        if (c.padTokenId() != null) {
            return c.padTokenId();
        }
        long[] eos = c.eosTokenIds();
        if (eos.length == 0) {
            return 0;
        }
        log.info("No pad_token_id: finished rows are padded with eos_token_id {}", eos[0]);
        return eos[0];
    }

    /**
     * @return {@code decoder_start_token_id}, else {@code bos_token_id}, as HF's {@code
     *     _get_decoder_start_token_id}
     */
    static long decoderStartTokenId(GenerationConfig c) {
        if (c.decoderStartTokenId() != null) {
            return c.decoderStartTokenId();
        }
        if (c.bosTokenId() != null) {
            return c.bosTokenId();
        }
        throw new IllegalArgumentException(
                "an encoder-decoder model needs decoder_start_token_id (or bos_token_id) to start"
                        + " its decoder; set it in the generation config");
    }

    private static void inVocabulary(String field, Long id, long vocabSize) {
        if (id != null && id >= vocabSize) {
            throw new IllegalArgumentException(
                    field
                            + " = "
                            + id
                            + " is outside the model's vocabulary 0.."
                            + (vocabSize - 1)
                            + " (vocab_size = "
                            + vocabSize
                            + ")");
        }
    }
}
