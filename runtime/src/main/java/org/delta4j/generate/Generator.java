package org.delta4j.generate;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import org.delta4j.delta.Tuning;
import org.delta4j.generate.search.SearchOutput;
import org.delta4j.generate.search.TokenListener;
import org.delta4j.generate.session.CachedSessions;
import org.delta4j.generate.session.DecodingSession;
import org.delta4j.generate.session.ModelKind;
import org.delta4j.generate.session.PromptRows;
import org.delta4j.generate.session.RecomputingSession;
import org.delta4j.generate.session.SessionInputs;
import org.delta4j.generate.session.SessionOpener;
import org.delta4j.models.HasInputLimits;
import org.delta4j.models.InputLimits;
import org.delta4j.models.hf.HfModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates token ids with a loaded model, tuned or not, as transformers 4.38.2's {@code generate}:
 * greedy search, sampling or beam search, with the configuration's logits processors, stopping per
 * row at any eos id. The story reads: load, attach a tuning, generate:
 *
 * <pre>{@code
 * Block model = HfModels.load(dir, manager);
 * Tuning tuning = PeftAdapter.load(adapterDir, model);
 * GenerationResult out = Generator.of(tuning, GenerationConfig.fromFolder(dir)).generate(ids, mask);
 * }</pre>
 *
 * <p>A generator is immutable and may be shared between threads: each call opens its own decoding
 * session (its arrays live in the session's own manager, closed when the call returns), and the
 * model is only read. Changing the model (attaching, training, merging) while a call runs is not
 * safe.
 */
public final class Generator {
    private static final Logger LOG = LoggerFactory.getLogger(Generator.class);

    private final Block model;
    private final ModelKind kind;
    private final InputLimits limits;
    private final GenerationConfig config;
    private final SessionOpener chosenSessions;
    private final SessionOpener sessions;
    private final long padTokenId;
    private final long decoderStartTokenId;

    /**
     * @param chosenSessions the sessions a caller chose, or null for those the configuration's
     *     {@code use_cache} asks for
     */
    private Generator(Block model, GenerationConfig config, SessionOpener chosenSessions) {
        this.model = model;
        this.kind = ModelKind.of(model);
        if (!(model instanceof HasInputLimits)) {
            throw new IllegalArgumentException(
                    model.getClass().getSimpleName() + " does not say its vocabulary size");
        }
        this.limits = ((HasInputLimits) model).inputLimits();
        this.config = config.validate();
        this.chosenSessions = chosenSessions;
        this.sessions = chosenSessions != null ? chosenSessions : defaultSessions(config);
        ConfigIds.requireInVocabulary(config, limits.vocabSize());
        this.padTokenId = ConfigIds.padTokenId(config, LOG);
        this.decoderStartTokenId =
                kind == ModelKind.ENCODER_DECODER ? ConfigIds.decoderStartTokenId(config) : -1;
    }

    /**
     * @param model a loaded decoder-only or encoder-decoder language model
     * @param config how to decode
     * @return a generator running the model with a key/value cache, unless {@code use_cache} is off
     * @throws IllegalArgumentException when the model cannot generate (an encoder-only model), or a
     *     token id of the configuration lies outside its vocabulary, in one line
     */
    public static Generator of(Block model, GenerationConfig config) {
        return new Generator(model, config, null);
    }

    /**
     * @param tuning a tuning attached to a generative model (the tuned model generates)
     * @param config how to decode
     * @return a generator over the tuned model
     * @throws IllegalArgumentException as {@link #of(Block, GenerationConfig)}
     */
    public static Generator of(Tuning tuning, GenerationConfig config) {
        return of(tuning.backbone(), config);
    }

    /**
     * Loads a HuggingFace folder's model and its generation defaults ({@link
     * GenerationConfig#fromFolder}).
     *
     * @param dir the model folder
     * @param manager the manager that will own the weights
     * @return a generator over the loaded model
     * @throws IOException when a file is missing or invalid
     * @throws IllegalArgumentException when the model cannot generate
     */
    public static Generator load(Path dir, NDManager manager) throws IOException {
        GenerationConfig config = GenerationConfig.fromFolder(dir);
        return of(HfModels.load(dir, manager), config);
    }

    /** transformers' {@code use_cache}: a key/value cache unless the configuration turns it off. */
    private static SessionOpener defaultSessions(GenerationConfig config) {
        return config.useCache() ? CachedSessions.opener() : RecomputingSession.opener();
    }

    /**
     * @param changed another configuration
     * @return a generator over the same model with that configuration, and the sessions chosen with
     *     {@link #withSessions}, else those its {@code use_cache} asks for
     */
    public Generator withConfig(GenerationConfig changed) {
        return new Generator(model, changed, chosenSessions);
    }

    /**
     * @param opener how each call opens its decoding session (a key/value-cached one, or {@link
     *     RecomputingSession#opener()})
     * @return a generator over the same model and configuration with those sessions
     */
    public Generator withSessions(SessionOpener opener) {
        return new Generator(model, config, opener);
    }

    /**
     * @return the configuration
     */
    public GenerationConfig config() {
        return config;
    }

    /**
     * @return the model
     */
    public Block model() {
        return model;
    }

    /**
     * @param inputIds {@code [batch][length]}: the prompts (decoder-only: left-padded) or the
     *     encoder inputs (encoder-decoder)
     * @param attentionMask {@code [batch][length]}, 1 on tokens and 0 on padding; null for all ones
     * @return the sequences (and scores)
     * @throws IllegalArgumentException on bad inputs (ragged, ids outside the vocabulary, longer
     *     than the model's positions with the new tokens), in one line
     */
    public GenerationResult generate(long[][] inputIds, long[][] attentionMask) {
        return generate(inputIds, attentionMask, TokenListener.NONE);
    }

    /**
     * The streaming form: the listener hears every step's new tokens as they are chosen.
     *
     * @param inputIds {@code [batch][length]}, as {@link #generate(long[][], long[][])}
     * @param attentionMask {@code [batch][length]}, or null for all ones
     * @param listener called on this thread after each step
     * @return the sequences (and scores)
     * @throws IllegalArgumentException on bad inputs, in one line
     */
    public GenerationResult generate(
            long[][] inputIds, long[][] attentionMask, TokenListener listener) {
        long[][] mask = PromptRows.check(inputIds, attentionMask, limits.vocabSize());
        int width = inputIds[0].length;
        DecodingPlan plan =
                new DecodingPlan(config, kind == ModelKind.DECODER_ONLY ? width : 1, padTokenId);
        if (kind == ModelKind.DECODER_ONLY) {
            limits.requireLength(
                    plan.maxLength(),
                    "the prompt (" + width + " tokens) with its new tokens (max_length)");
        } else {
            limits.requireLength(width, "input_ids");
            limits.requireLength(
                    plan.maxLength(), "the decoder sequence (start id and new tokens, max_length)");
        }
        int times = plan.expansion();
        SessionInputs inputs =
                new SessionInputs(
                        model,
                        kind,
                        Prompts.expand(inputIds, times),
                        Prompts.expand(mask, times),
                        decoderStartTokenId);
        try (DecodingSession session = sessions.open(inputs)) {
            SearchOutput out = plan.run(session, listener);
            return new GenerationResult(out.sequences(), out.sequencesScores(), out.scores());
        }
    }
}
