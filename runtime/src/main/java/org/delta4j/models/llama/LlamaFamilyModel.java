package org.delta4j.models.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.backbone.NamedInputs;
import org.delta4j.backbone.TakesNamedInputs;
import org.delta4j.backbone.TokenInputs;
import org.delta4j.io.TensorSource;
import org.delta4j.models.AttentionMasks;
import org.delta4j.models.ChecksCheckpoint;
import org.delta4j.models.HasInputLimits;
import org.delta4j.models.Hosted;
import org.delta4j.models.InputLimits;
import org.delta4j.nn.Child;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.KeyValueCache;
import org.delta4j.nn.LayerScope;
import org.delta4j.nn.ModuleList;
import org.delta4j.nn.ZeroRowInitializer;

/**
 * The decoder Llama, Mistral and Qwen2 share ({@code LlamaModel}, {@code MistralModel}, {@code
 * Qwen2Model}): token embeddings {@code embed_tokens}, the decoder layers {@code layers} and a
 * final RMSNorm {@code norm}. There are no position embeddings: positions turn queries and keys in
 * each attention block.
 *
 * <p>Inputs, by name or position: {@code input_ids} (or, by name only, {@code inputs_embeds}),
 * {@code attention_mask} (default: all ones) and, by name, {@code position_ids} (default: {@code 0
 * .. length - 1}). Output, named: {@code last_hidden_state}.
 *
 * <p>With a {@link KeyValueCache} in the pass's parameters the inputs are the new positions only:
 * default positions continue after the cached ones, and {@code attention_mask} covers the cached
 * positions and the new ones. Left-padded rows pass {@code position_ids} (HF: the mask's cumulative
 * sum minus one).
 */
public abstract class LlamaFamilyModel extends HfBlock
        implements TakesNamedInputs, HasInputLimits, ChecksCheckpoint {
    /** The input names, in positional order. */
    public static final List<String> INPUTS =
            List.of(TokenInputs.IDS, "attention_mask", TokenInputs.EMBEDS, "position_ids");

    /** The output names, in order. */
    public static final List<String> OUTPUTS = List.of("last_hidden_state");

    private final LlamaFamilyConfig config;
    private final InputLimits limits;
    private final Child embedTokens;
    private final Child layers;
    private final Child norm;

    /**
     * @param config the model configuration
     */
    protected LlamaFamilyModel(LlamaFamilyConfig config) {
        this.config = config;
        this.limits = inputLimits(config, getClass().getSimpleName());
        float std = config.initializerRange();
        Embedding table = Embedding.create(config.vocabSize(), config.hiddenSize(), std);
        if (config.padTokenId() >= 0) {
            // HF zeroes the padding row of a fresh nn.Embedding(padding_idx=pad_token_id).
            table.weight()
                    .setInitializer(
                            new ZeroRowInitializer(
                                    new NormalInitializer(std), config.padTokenId()));
        }
        this.embedTokens = child("embed_tokens", table);
        this.layers =
                child(
                        "layers",
                        ModuleList.of(
                                config.numHiddenLayers(), i -> new LlamaDecoderLayer(config)));
        this.norm = child("norm", new LlamaRMSNorm(config));
    }

    /**
     * @param config the model configuration
     * @param owner the model's class name, for error messages
     * @return what the model takes: ids within {@code vocab_size}, at most {@code
     *     max_position_embeddings} tokens (times the factor of linear or dynamic rope scaling)
     */
    static InputLimits inputLimits(LlamaFamilyConfig config, String owner) {
        RopeScaling scaling = config.ropeScaling();
        long max = (long) config.maxPositionEmbeddings();
        if (scaling.stretchesPositions()) {
            return new InputLimits(
                    owner,
                    config.vocabSize(),
                    (long) (max * scaling.factor()),
                    "max_position_embeddings = "
                            + max
                            + " times rope_scaling factor "
                            + scaling.factor());
        }
        return new InputLimits(owner, config.vocabSize(), max, "max_position_embeddings = " + max);
    }

    @Override
    public List<String> inputNames() {
        return INPUTS;
    }

    @Override
    public InputLimits inputLimits() {
        return limits;
    }

    /**
     * @return the token table {@code embed_tokens} (a language-model head ties its weight to it)
     */
    @Override
    public Embedding inputEmbeddings() {
        return Hosted.module(embedTokens.block(), Embedding.class);
    }

    @Override
    public void requireFits(TensorSource weights) throws IOException {
        KeyValueRows.check(weights, config);
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        String owner = getClass().getSimpleName();
        limits.check(
                NamedInputs.resolve(inputs, INPUTS, owner), TokenInputs.IDS, TokenInputs.EMBEDS);
        inputs = withInputHooks(ps, inputs, training, params);
        Map<String, NDArray> in = NamedInputs.resolve(inputs, INPUTS, owner);
        NDArray hidden =
                TokenInputs.embed(
                        embedTokens, TokenInputs.resolve(in, owner), ps, training, params);
        long batch = hidden.getShape().get(0);
        long length = hidden.getShape().get(1);
        KeyValueCache cache = KeyValueCache.of(params);
        long past = cache == null ? 0 : cache.length();
        limits.requireLength(past + length, "the input with its soft prompt and cached positions");
        NDArray positions = in.get("position_ids");
        if (positions == null) {
            positions =
                    hidden.getManager()
                            .arange(
                                    Math.toIntExact(past),
                                    Math.toIntExact(past + length),
                                    1,
                                    DataType.INT64)
                            .reshape(1, length);
        }
        NDArray mask =
                AttentionMasks.requireWidth(
                        in.get("attention_mask"), batch, past + length, hidden.getManager(), owner);
        Map<Integer, NDArray> masks = new HashMap<>();
        int i = 0;
        LayerScope scopes = new LayerScope(training);
        PairList<String, Object> layerParams = RotaryTables.share(params);
        for (Block layer : layers.block().getChildren().values()) {
            int window = config.slidingWindow(i++);
            NDArray additive =
                    masks.computeIfAbsent(
                            window, w -> AttentionMasks.causalPadded(mask, past, length, w));
            hidden = scopes.call(layer, ps, layerParams, hidden, additive, positions);
        }
        hidden = Functional.call(norm, ps, training, params, hidden);
        return NamedInputs.named(List.of(hidden), OUTPUTS);
    }

    /**
     * @param inputShapes the shapes of the inputs in positional order ({@link #INPUTS}): {@code
     *     [batch, length]} token ids, or {@code [batch, length, hidden_size]} embeddings
     * @return the {@code last_hidden_state} shape
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape tokens = inputShapes[0];
        return new Shape[] {tokens.dimension() == 3 ? tokens : tokens.add(config.hiddenSize())};
    }
}
