package org.delta4j.generate;

/** The checks of a {@link GenerationConfig} that need no model, one clear line each. */
final class GenerationChecks {
    private GenerationChecks() {}

    static void check(GenerationConfig c) {
        if (c.maxNewTokens() != null) {
            atLeast("max_new_tokens", c.maxNewTokens(), 1);
        }
        atLeast("max_length", c.maxLength(), 1);
        atLeast("min_length", c.minLength(), 0);
        atLeast("min_new_tokens", c.minNewTokens(), 0);
        atLeast("num_beams", c.numBeams(), 1);
        atLeast("num_return_sequences", c.numReturnSequences(), 1);
        atLeast("no_repeat_ngram_size", c.noRepeatNgramSize(), 0);
        if (!(c.repetitionPenalty() > 0) || Double.isInfinite(c.repetitionPenalty())) {
            fail(
                    "repetition_penalty must be a positive number (1 = off), got "
                            + c.repetitionPenalty());
        }
        if (!Double.isFinite(c.lengthPenalty())) {
            fail("length_penalty must be a finite number (1 = none), got " + c.lengthPenalty());
        }
        if (c.numBeams() > 1 && c.numReturnSequences() > c.numBeams()) {
            fail(
                    "num_return_sequences ("
                            + c.numReturnSequences()
                            + ") is above num_beams ("
                            + c.numBeams()
                            + "): beam search returns at most its num_beams best hypotheses; raise"
                            + " num_beams or lower num_return_sequences");
        }
        if (c.numBeams() == 1 && !c.doSample() && c.numReturnSequences() > 1) {
            fail(
                    "num_return_sequences ("
                            + c.numReturnSequences()
                            + ") needs num_beams > 1 or do_sample: greedy search gives one sequence per"
                            + " row");
        }
        if (c.doSample()) {
            checkSampling(c);
        }
        tokenIds(c);
    }

    private static void checkSampling(GenerationConfig c) {
        if (c.numBeams() > 1) {
            fail(
                    "do_sample with num_beams = "
                            + c.numBeams()
                            + " (HF's beam sampling) is not supported; set num_beams = 1 to sample or"
                            + " do_sample = false for beam search");
        }
        if (!(c.temperature() > 0) || Double.isInfinite(c.temperature())) {
            fail(
                    "temperature must be a positive number with do_sample (1 = unchanged), got "
                            + c.temperature());
        }
        atLeast("top_k", c.topK(), 0);
        if (!(c.topP() > 0 && c.topP() <= 1)) {
            fail("top_p must lie in (0, 1] (1 = off), got " + c.topP());
        }
    }

    private static void tokenIds(GenerationConfig c) {
        nonNegative("bos_token_id", c.bosTokenId());
        nonNegative("pad_token_id", c.padTokenId());
        nonNegative("decoder_start_token_id", c.decoderStartTokenId());
        nonNegative("forced_bos_token_id", c.forcedBosTokenId());
        for (long id : c.eosTokenIds()) {
            nonNegative("eos_token_id", id);
        }
        for (long id : c.forcedEosTokenIds()) {
            nonNegative("forced_eos_token_id", id);
        }
    }

    private static void nonNegative(String field, Long id) {
        if (id != null && id < 0) {
            fail(field + " must be a token id (0 or more), got " + id);
        }
    }

    private static void atLeast(String field, int value, int minimum) {
        if (value < minimum) {
            fail(field + " must be at least " + minimum + ", got " + value);
        }
    }

    private static void fail(String message) {
        throw new IllegalArgumentException(message);
    }
}
