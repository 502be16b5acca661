package org.delta4j.cli;

import java.util.List;
import org.delta4j.generate.GenerationConfig;
import org.delta4j.generate.search.EarlyStopping;
import picocli.CommandLine.Option;

/**
 * The decoding flags of {@code generate}, named as transformers' {@code generate} keywords. Each
 * flag given replaces the model folder's default ({@code generation_config.json}, else {@code
 * config.json}); the others keep it.
 */
final class GenerationOptions {
    @Option(names = "--max-new-tokens", paramLabel = "N", description = "Most new tokens per row.")
    private Integer maxNewTokens;

    @Option(names = "--num-beams", paramLabel = "N", description = "Beam search with N beams.")
    private Integer numBeams;

    @Option(
            names = "--num-return-sequences",
            paramLabel = "N",
            description = "Sequences returned per input row (at most --num-beams).")
    private Integer numReturnSequences;

    @Option(
            names = "--length-penalty",
            paramLabel = "F",
            description = "Beam scores are divided by the new length to this power.")
    private Double lengthPenalty;

    @Option(
            names = "--early-stopping",
            arity = "0..1",
            fallbackValue = "true",
            paramLabel = "true|false|never",
            description =
                    "Beam search stops a row once it has --num-beams finished hypotheses (true, the flag"
                            + " alone), once no open beam can beat them (false), or never before the end.")
    private String earlyStopping;

    @Option(names = "--do-sample", description = "Sample instead of taking the best token.")
    private Boolean doSample;

    @Option(names = "--temperature", paramLabel = "F", description = "Sampling temperature.")
    private Double temperature;

    @Option(
            names = "--top-k",
            paramLabel = "N",
            description = "Sample among the N best tokens (0: all).")
    private Integer topK;

    @Option(
            names = "--top-p",
            paramLabel = "F",
            description = "Sample among the best tokens whose probabilities add up to F.")
    private Double topP;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "The sampling seed: the same seed gives the same text on one machine.")
    private Long seed;

    @Option(
            names = "--repetition-penalty",
            paramLabel = "F",
            description = "Divide (or, when negative, multiply) the scores of tokens seen by F.")
    private Double repetitionPenalty;

    @Option(
            names = "--no-repeat-ngram-size",
            paramLabel = "N",
            description = "Never repeat an n-gram of this size.")
    private Integer noRepeatNgramSize;

    @Option(
            names = "--min-new-tokens",
            paramLabel = "N",
            description = "No end-of-sequence before N new tokens.")
    private Integer minNewTokens;

    @Option(names = "--bos-token-id", paramLabel = "N", description = "The start-of-text id.")
    private Long bosTokenId;

    @Option(
            names = "--eos-token-id",
            paramLabel = "N",
            split = ",",
            description = "The end-of-sequence id, or several separated by commas.")
    private List<Long> eosTokenIds;

    @Option(
            names = "--pad-token-id",
            paramLabel = "N",
            description = "The id that fills finished rows.")
    private Long padTokenId;

    @Option(
            names = "--decoder-start-token-id",
            paramLabel = "N",
            description = "The id an encoder-decoder's decoder starts from.")
    private Long decoderStartTokenId;

    @Option(
            names = "--forced-eos-token-id",
            paramLabel = "N",
            description = "The id forced as the last token when --max-new-tokens is reached.")
    private Long forcedEosTokenId;

    /**
     * @param defaults the model folder's generation defaults
     * @return them with every given flag applied
     */
    GenerationConfig applyTo(GenerationConfig defaults) {
        GenerationConfig.Builder b = defaults.toBuilder();
        if (maxNewTokens != null) {
            b.maxNewTokens(maxNewTokens);
        }
        if (numBeams != null) {
            b.numBeams(numBeams);
        }
        if (numReturnSequences != null) {
            b.numReturnSequences(numReturnSequences);
        }
        if (lengthPenalty != null) {
            b.lengthPenalty(lengthPenalty);
        }
        if (earlyStopping != null) {
            b.earlyStopping(earlyStopping());
        }
        if (doSample != null) {
            b.doSample(doSample);
        }
        if (temperature != null) {
            b.temperature(temperature);
        }
        if (topK != null) {
            b.topK(topK);
        }
        if (topP != null) {
            b.topP(topP);
        }
        if (seed != null) {
            b.seed(seed);
        }
        if (repetitionPenalty != null) {
            b.repetitionPenalty(repetitionPenalty);
        }
        if (noRepeatNgramSize != null) {
            b.noRepeatNgramSize(noRepeatNgramSize);
        }
        if (minNewTokens != null) {
            b.minNewTokens(minNewTokens);
        }
        if (bosTokenId != null) {
            b.bosTokenId(bosTokenId);
        }
        if (eosTokenIds != null) {
            b.eosTokenIds(eosTokenIds.stream().mapToLong(Long::longValue).toArray());
        }
        if (padTokenId != null) {
            b.padTokenId(padTokenId);
        }
        if (decoderStartTokenId != null) {
            b.decoderStartTokenId(decoderStartTokenId);
        }
        if (forcedEosTokenId != null) {
            b.forcedEosTokenIds(forcedEosTokenId);
        }
        return b.build();
    }

    private EarlyStopping earlyStopping() {
        switch (earlyStopping) {
            case "true":
                return EarlyStopping.TRUE;
            case "false":
                return EarlyStopping.FALSE;
            case "never":
                return EarlyStopping.NEVER;
            default:
                throw new IllegalArgumentException(
                        "--early-stopping takes true, false or never, got \""
                                + earlyStopping
                                + "\"");
        }
    }
}
