package org.delta4j.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.delta4j.generate.search.EarlyStopping;

/**
 * How to decode, field by field as transformers 4.38.2's {@code GenerationConfig} (the HF name of
 * each field is in its getter's Javadoc) with HF's defaults. Immutable; {@link #toBuilder()} makes
 * a changed copy. {@link #fromFolder} reads a model folder's defaults as HF does.
 *
 * <p>{@link #validate()} checks what needs no model; {@link Generator} checks the rest (ids against
 * the vocabulary, lengths against the positions) and the inputs.
 */
public final class GenerationConfig {
    /** HF's default {@code max_length}, used when {@code max_new_tokens} is not set. */
    public static final int DEFAULT_MAX_LENGTH = 20;

    private final Integer maxNewTokens;
    private final int maxLength;
    private final int minLength;
    private final int minNewTokens;
    private final int numBeams;
    private final int numReturnSequences;
    private final double lengthPenalty;
    private final EarlyStopping earlyStopping;
    private final boolean doSample;
    private final double temperature;
    private final int topK;
    private final double topP;
    private final Long seed;
    private final double repetitionPenalty;
    private final int noRepeatNgramSize;
    private final Long bosTokenId;
    private final long[] eosTokenIds;
    private final Long padTokenId;
    private final Long decoderStartTokenId;
    private final Long forcedBosTokenId;
    private final long[] forcedEosTokenIds;
    private final boolean useCache;
    private final boolean outputScores;

    private GenerationConfig(Builder b) {
        this.maxNewTokens = b.maxNewTokens;
        this.maxLength = b.maxLength;
        this.minLength = b.minLength;
        this.minNewTokens = b.minNewTokens;
        this.numBeams = b.numBeams;
        this.numReturnSequences = b.numReturnSequences;
        this.lengthPenalty = b.lengthPenalty;
        this.earlyStopping = b.earlyStopping;
        this.doSample = b.doSample;
        this.temperature = b.temperature;
        this.topK = b.topK;
        this.topP = b.topP;
        this.seed = b.seed;
        this.repetitionPenalty = b.repetitionPenalty;
        this.noRepeatNgramSize = b.noRepeatNgramSize;
        this.bosTokenId = b.bosTokenId;
        this.eosTokenIds = b.eosTokenIds.clone();
        this.padTokenId = b.padTokenId;
        this.decoderStartTokenId = b.decoderStartTokenId;
        this.forcedBosTokenId = b.forcedBosTokenId;
        this.forcedEosTokenIds = b.forcedEosTokenIds.clone();
        this.useCache = b.useCache;
        this.outputScores = b.outputScores;
    }

    /**
     * @return a builder at HF's defaults (no token ids)
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a model folder's generation defaults as transformers 4.38.2 does: {@code
     * generation_config.json} when present, else the generation fields of {@code config.json};
     * absent fields take HF's defaults. Fields delta4j does not implement (such as {@code
     * bad_words_ids}) are refused when set.
     *
     * @param dir a HuggingFace model folder
     * @return its generation configuration
     * @throws IOException when the file cannot be read or a field has the wrong type or an
     *     unsupported value, naming the file and the field
     */
    public static GenerationConfig fromFolder(Path dir) throws IOException {
        return GenerationConfigFile.read(dir);
    }

    /**
     * @return a builder holding this configuration
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * @return {@code max_new_tokens}, or null when {@link #maxLength()} bounds the length
     */
    public Integer maxNewTokens() {
        return maxNewTokens;
    }

    /**
     * @return {@code max_length}: the longest output sequence, prompt (decoder-only) or start id
     *     (encoder-decoder) included; used only when {@code max_new_tokens} is not set
     */
    public int maxLength() {
        return maxLength;
    }

    /**
     * @return {@code min_length}: eos is suppressed while the sequence is shorter, prompt included
     */
    public int minLength() {
        return minLength;
    }

    /**
     * @return {@code min_new_tokens}: eos is suppressed for the first this many new tokens (0: off)
     */
    public int minNewTokens() {
        return minNewTokens;
    }

    /**
     * @return {@code num_beams}: 1 for greedy search or sampling
     */
    public int numBeams() {
        return numBeams;
    }

    /**
     * @return {@code num_return_sequences}: sequences per input row
     */
    public int numReturnSequences() {
        return numReturnSequences;
    }

    /**
     * @return {@code length_penalty}: beam hypotheses are scored {@code sum_logprobs /
     *     generated_len ** length_penalty}
     */
    public double lengthPenalty() {
        return lengthPenalty;
    }

    /**
     * @return {@code early_stopping} ({@code True}, {@code False} or {@code "never"})
     */
    public EarlyStopping earlyStopping() {
        return earlyStopping;
    }

    /**
     * @return {@code do_sample}: sample instead of taking the argmax
     */
    public boolean doSample() {
        return doSample;
    }

    /**
     * @return {@code temperature} (sampling)
     */
    public double temperature() {
        return temperature;
    }

    /**
     * @return {@code top_k} (sampling; 0: off)
     */
    public int topK() {
        return topK;
    }

    /**
     * @return {@code top_p} (sampling; 1: off)
     */
    public double topP() {
        return topP;
    }

    /**
     * @return the sampling seed (delta4j's, not HF's: {@code torch.manual_seed} is not reproduced),
     *     or null for a fresh one per call
     */
    public Long seed() {
        return seed;
    }

    /**
     * @return {@code repetition_penalty} (1: off)
     */
    public double repetitionPenalty() {
        return repetitionPenalty;
    }

    /**
     * @return {@code no_repeat_ngram_size} (0: off)
     */
    public int noRepeatNgramSize() {
        return noRepeatNgramSize;
    }

    /**
     * @return {@code bos_token_id}, or null
     */
    public Long bosTokenId() {
        return bosTokenId;
    }

    /**
     * @return {@code eos_token_id}: every id that ends a row, possibly none; a copy
     */
    public long[] eosTokenIds() {
        return eosTokenIds.clone();
    }

    /**
     * @return {@code pad_token_id}, or null (generation then pads with the first eos id, as HF)
     */
    public Long padTokenId() {
        return padTokenId;
    }

    /**
     * @return {@code decoder_start_token_id}, or null (encoder-decoder generation then starts from
     *     {@code bos_token_id}, as HF)
     */
    public Long decoderStartTokenId() {
        return decoderStartTokenId;
    }

    /**
     * @return {@code forced_bos_token_id}, or null
     */
    public Long forcedBosTokenId() {
        return forcedBosTokenId;
    }

    /**
     * @return {@code forced_eos_token_id}: the ids forced at the last step, possibly none; a copy
     */
    public long[] forcedEosTokenIds() {
        return forcedEosTokenIds.clone();
    }

    /**
     * @return {@code use_cache}: whether the session should keep a key/value cache (the outputs are
     *     the same either way)
     */
    public boolean useCache() {
        return useCache;
    }

    /**
     * @return {@code output_scores}: whether results carry each step's processed scores
     */
    public boolean outputScores() {
        return outputScores;
    }

    /**
     * Checks what needs no model.
     *
     * @return this configuration
     * @throws IllegalArgumentException on the first invalid field, naming it, its value and what it
     *     must be
     */
    public GenerationConfig validate() {
        GenerationChecks.check(this);
        return this;
    }

    @Override
    public String toString() {
        return "GenerationConfig{max_new_tokens="
                + maxNewTokens
                + ", max_length="
                + maxLength
                + ", num_beams="
                + numBeams
                + ", do_sample="
                + doSample
                + ", eos_token_id="
                + Arrays.toString(eosTokenIds)
                + ", pad_token_id="
                + padTokenId
                + "}";
    }

    /** Builds a {@link GenerationConfig}; each setter is named after its field's getter. */
    public static final class Builder {
        private Integer maxNewTokens;
        private int maxLength = DEFAULT_MAX_LENGTH;
        private int minLength;
        private int minNewTokens;
        private int numBeams = 1;
        private int numReturnSequences = 1;
        private double lengthPenalty = 1.0;
        private EarlyStopping earlyStopping = EarlyStopping.FALSE;
        private boolean doSample;
        private double temperature = 1.0;
        private int topK = 50;
        private double topP = 1.0;
        private Long seed;
        private double repetitionPenalty = 1.0;
        private int noRepeatNgramSize;
        private Long bosTokenId;
        private long[] eosTokenIds = new long[0];
        private Long padTokenId;
        private Long decoderStartTokenId;
        private Long forcedBosTokenId;
        private long[] forcedEosTokenIds = new long[0];
        private boolean useCache = true;
        private boolean outputScores;

        private Builder() {}

        private Builder(GenerationConfig c) {
            maxNewTokens = c.maxNewTokens;
            maxLength = c.maxLength;
            minLength = c.minLength;
            minNewTokens = c.minNewTokens;
            numBeams = c.numBeams;
            numReturnSequences = c.numReturnSequences;
            lengthPenalty = c.lengthPenalty;
            earlyStopping = c.earlyStopping;
            doSample = c.doSample;
            temperature = c.temperature;
            topK = c.topK;
            topP = c.topP;
            seed = c.seed;
            repetitionPenalty = c.repetitionPenalty;
            noRepeatNgramSize = c.noRepeatNgramSize;
            bosTokenId = c.bosTokenId;
            eosTokenIds = c.eosTokenIds.clone();
            padTokenId = c.padTokenId;
            decoderStartTokenId = c.decoderStartTokenId;
            forcedBosTokenId = c.forcedBosTokenId;
            forcedEosTokenIds = c.forcedEosTokenIds.clone();
            useCache = c.useCache;
            outputScores = c.outputScores;
        }

        /**
         * @param value {@code max_new_tokens}, or null to bound by {@code max_length}
         * @return this builder
         */
        public Builder maxNewTokens(Integer value) {
            maxNewTokens = value;
            return this;
        }

        /**
         * @param value {@code max_length}
         * @return this builder
         */
        public Builder maxLength(int value) {
            maxLength = value;
            return this;
        }

        /**
         * @param value {@code min_length}
         * @return this builder
         */
        public Builder minLength(int value) {
            minLength = value;
            return this;
        }

        /**
         * @param value {@code min_new_tokens}
         * @return this builder
         */
        public Builder minNewTokens(int value) {
            minNewTokens = value;
            return this;
        }

        /**
         * @param value {@code num_beams}
         * @return this builder
         */
        public Builder numBeams(int value) {
            numBeams = value;
            return this;
        }

        /**
         * @param value {@code num_return_sequences}
         * @return this builder
         */
        public Builder numReturnSequences(int value) {
            numReturnSequences = value;
            return this;
        }

        /**
         * @param value {@code length_penalty}
         * @return this builder
         */
        public Builder lengthPenalty(double value) {
            lengthPenalty = value;
            return this;
        }

        /**
         * @param value {@code early_stopping}
         * @return this builder
         */
        public Builder earlyStopping(EarlyStopping value) {
            earlyStopping = value;
            return this;
        }

        /**
         * @param value {@code do_sample}
         * @return this builder
         */
        public Builder doSample(boolean value) {
            doSample = value;
            return this;
        }

        /**
         * @param value {@code temperature}
         * @return this builder
         */
        public Builder temperature(double value) {
            temperature = value;
            return this;
        }

        /**
         * @param value {@code top_k}
         * @return this builder
         */
        public Builder topK(int value) {
            topK = value;
            return this;
        }

        /**
         * @param value {@code top_p}
         * @return this builder
         */
        public Builder topP(double value) {
            topP = value;
            return this;
        }

        /**
         * @param value the sampling seed, or null for a fresh one per call
         * @return this builder
         */
        public Builder seed(Long value) {
            seed = value;
            return this;
        }

        /**
         * @param value {@code repetition_penalty}
         * @return this builder
         */
        public Builder repetitionPenalty(double value) {
            repetitionPenalty = value;
            return this;
        }

        /**
         * @param value {@code no_repeat_ngram_size}
         * @return this builder
         */
        public Builder noRepeatNgramSize(int value) {
            noRepeatNgramSize = value;
            return this;
        }

        /**
         * @param value {@code bos_token_id}, or null
         * @return this builder
         */
        public Builder bosTokenId(Long value) {
            bosTokenId = value;
            return this;
        }

        /**
         * @param values {@code eos_token_id}: one id, several, or none
         * @return this builder
         */
        public Builder eosTokenIds(long... values) {
            eosTokenIds = values.clone();
            return this;
        }

        /**
         * @param value {@code pad_token_id}, or null
         * @return this builder
         */
        public Builder padTokenId(Long value) {
            padTokenId = value;
            return this;
        }

        /**
         * @param value {@code decoder_start_token_id}, or null
         * @return this builder
         */
        public Builder decoderStartTokenId(Long value) {
            decoderStartTokenId = value;
            return this;
        }

        /**
         * @param value {@code forced_bos_token_id}, or null
         * @return this builder
         */
        public Builder forcedBosTokenId(Long value) {
            forcedBosTokenId = value;
            return this;
        }

        /**
         * @param values {@code forced_eos_token_id}: one id, several, or none
         * @return this builder
         */
        public Builder forcedEosTokenIds(long... values) {
            forcedEosTokenIds = values.clone();
            return this;
        }

        /**
         * @param value {@code use_cache}
         * @return this builder
         */
        public Builder useCache(boolean value) {
            useCache = value;
            return this;
        }

        /**
         * @param value {@code output_scores}
         * @return this builder
         */
        public Builder outputScores(boolean value) {
            outputScores = value;
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException when a field is invalid (see {@link
         *     GenerationConfig#validate()})
         */
        public GenerationConfig build() {
            return new GenerationConfig(this).validate();
        }
    }
}
