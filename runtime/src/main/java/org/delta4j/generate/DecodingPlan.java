package org.delta4j.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.delta4j.generate.logits.ForcedTokenProcessor;
import org.delta4j.generate.logits.LogitsProcessor;
import org.delta4j.generate.logits.MinLengthProcessor;
import org.delta4j.generate.logits.NoRepeatNGramProcessor;
import org.delta4j.generate.logits.RepetitionPenaltyProcessor;
import org.delta4j.generate.logits.TemperatureWarper;
import org.delta4j.generate.logits.TopKWarper;
import org.delta4j.generate.logits.TopPWarper;
import org.delta4j.generate.search.BeamSearch;
import org.delta4j.generate.search.RowSearch;
import org.delta4j.generate.search.SearchOutput;
import org.delta4j.generate.search.Stopping;
import org.delta4j.generate.search.TokenChooser;
import org.delta4j.generate.search.TokenListener;
import org.delta4j.generate.session.DecodingSession;

/**
 * One call's decoding, derived from the configuration as transformers 4.38.2's {@code generate}
 * derives it: {@code max_length}, the logits processors in HF's order, then the search.
 */
final class DecodingPlan {
    private final GenerationConfig config;
    private final int decoderPromptLength;
    private final int maxLength;
    private final long padTokenId;

    /**
     * @param config the validated configuration
     * @param decoderPromptLength the length of the sequences decoding continues: the padded prompt
     *     width (decoder-only) or 1 (encoder-decoder)
     * @param padTokenId the pad id, already defaulted
     */
    DecodingPlan(GenerationConfig config, int decoderPromptLength, long padTokenId) {
        this.config = config;
        this.decoderPromptLength = decoderPromptLength;
        this.maxLength =
                config.maxNewTokens() != null
                        ? config.maxNewTokens() + decoderPromptLength
                        : config.maxLength();
        this.padTokenId = padTokenId;
        if (maxLength <= decoderPromptLength) {
            throw new IllegalArgumentException(
                    "max_length ("
                            + maxLength
                            + ") leaves no room for new tokens after "
                            + decoderPromptLength
                            + " prompt tokens; set max_new_tokens instead");
        }
    }

    /**
     * @return transformers' {@code max_length} for this call
     */
    int maxLength() {
        return maxLength;
    }

    /**
     * @return how many times each input row is repeated before the session opens
     */
    int expansion() {
        if (config.numBeams() > 1) {
            return config.numBeams();
        }
        return config.doSample() ? config.numReturnSequences() : 1;
    }

    SearchOutput run(DecodingSession session, TokenListener listener) {
        Stopping stopping = new Stopping(config.eosTokenIds(), padTokenId, maxLength);
        if (config.numBeams() > 1) {
            return new BeamSearch(
                            processors(),
                            stopping,
                            config.numBeams(),
                            config.numReturnSequences(),
                            config.lengthPenalty(),
                            config.earlyStopping(),
                            config.outputScores())
                    .run(session, listener);
        }
        List<LogitsProcessor> processors = processors();
        TokenChooser chooser = TokenChooser.argmax();
        if (config.doSample()) {
            processors.addAll(warpers());
            long seed =
                    config.seed() != null ? config.seed() : ThreadLocalRandom.current().nextLong();
            chooser = TokenChooser.sampling(seed);
        }
        return new RowSearch(processors, chooser, stopping, config.outputScores())
                .run(session, listener);
    }

    /** transformers 4.38.2's {@code _get_logits_processor}, in its order. */
    List<LogitsProcessor> processors() {
        List<LogitsProcessor> out = new ArrayList<>();
        long[] eos = config.eosTokenIds();
        if (config.repetitionPenalty() != 1.0) {
            out.add(new RepetitionPenaltyProcessor(config.repetitionPenalty()));
        }
        if (config.noRepeatNgramSize() > 0) {
            out.add(new NoRepeatNGramProcessor(config.noRepeatNgramSize()));
        }
        if (config.minLength() > 0 && eos.length > 0) {
            out.add(new MinLengthProcessor(0, config.minLength(), eos));
        }
        if (config.minNewTokens() > 0 && eos.length > 0) {
            out.add(new MinLengthProcessor(decoderPromptLength, config.minNewTokens(), eos));
        }
        if (config.forcedBosTokenId() != null) {
            out.add(ForcedTokenProcessor.bos(config.forcedBosTokenId()));
        }
        if (config.forcedEosTokenIds().length > 0) {
            out.add(ForcedTokenProcessor.eos(maxLength, config.forcedEosTokenIds()));
        }
        return out;
    }

    /** transformers 4.38.2's {@code _get_logits_warper}: temperature, top-k, top-p. */
    private List<LogitsProcessor> warpers() {
        List<LogitsProcessor> out = new ArrayList<>();
        if (config.temperature() != 1.0) {
            out.add(new TemperatureWarper(config.temperature()));
        }
        if (config.topK() != 0) {
            out.add(new TopKWarper(config.topK()));
        }
        if (config.topP() < 1.0) {
            out.add(new TopPWarper(config.topP()));
        }
        return out;
    }
}
