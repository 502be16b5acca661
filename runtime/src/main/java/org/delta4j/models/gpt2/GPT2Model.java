package org.delta4j.models.gpt2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Map;
import org.delta4j.backbone.NamedInputs;
import org.delta4j.backbone.TakesNamedInputs;
import org.delta4j.backbone.TokenInputs;
import org.delta4j.models.AttentionMasks;
import org.delta4j.models.Hosted;
import org.delta4j.models.InputLimits;
import org.delta4j.nn.Child;
import org.delta4j.nn.Dropout;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.KeyValueCache;
import org.delta4j.nn.LayerNorm;
import org.delta4j.nn.LayerScope;
import org.delta4j.nn.ModuleList;

/**
 * HF's {@code GPT2Model}: token ({@code wte}) plus learned position ({@code wpe}) embeddings,
 * dropout ({@code drop}), the blocks {@code h}, and a final layer norm {@code ln_f}.
 *
 * <p>Inputs, by name or position: {@code input_ids} (or, by name only, {@code inputs_embeds}),
 * {@code attention_mask} (default: all ones) and, by name, {@code position_ids} (default: {@code 0
 * .. length - 1}). Output, named: {@code last_hidden_state}.
 *
 * <p>With a {@link KeyValueCache} in the pass's parameters the inputs are the new positions only:
 * default positions continue after the cached ones, and {@code attention_mask} covers the cached
 * positions and the new ones.
 */
public final class GPT2Model extends HfBlock implements TakesNamedInputs {
    /** The input names, in positional order. */
    public static final List<String> INPUTS =
            List.of(TokenInputs.IDS, "attention_mask", TokenInputs.EMBEDS, "position_ids");

    /** The output names, in order. */
    public static final List<String> OUTPUTS = List.of("last_hidden_state");

    private final long embedDim;
    private final long maxPositions;
    private final InputLimits limits;
    private final Child wte;
    private final Child wpe;
    private final Child drop;
    private final Child h;
    private final Child lnF;

    /**
     * @param config the model configuration
     */
    public GPT2Model(GPT2Config config) {
        this.embedDim = config.nEmbd();
        this.maxPositions = config.nPositions();
        this.limits = inputLimits(config, getClass().getSimpleName());
        float std = config.initializerRange();
        this.wte = child("wte", Embedding.create(config.vocabSize(), embedDim, std));
        this.wpe = child("wpe", Embedding.create(maxPositions, embedDim, std));
        this.drop = child("drop", new Dropout(config.embdPdrop()));
        this.h = child("h", ModuleList.of(config.nLayer(), i -> new GPT2Block(config, i)));
        this.lnF = child("ln_f", new LayerNorm(embedDim, config.layerNormEpsilon()));
    }

    /**
     * @param config the model configuration
     * @param owner the model's class name, for error messages
     * @return what GPT-2 takes: ids within {@code vocab_size}, at most {@code n_positions} tokens
     */
    static InputLimits inputLimits(GPT2Config config, String owner) {
        return new InputLimits(
                owner,
                config.vocabSize(),
                config.nPositions(),
                "n_positions = " + config.nPositions());
    }

    @Override
    public List<String> inputNames() {
        return INPUTS;
    }

    /**
     * @return the token table {@code wte} (a language-model head ties its weight to it)
     */
    @Override
    public Embedding inputEmbeddings() {
        return Hosted.module(wte.block(), Embedding.class);
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
                TokenInputs.embed(wte, TokenInputs.resolve(in, owner), ps, training, params);
        long batch = hidden.getShape().get(0);
        KeyValueCache cache = KeyValueCache.of(params);
        long past = cache == null ? 0 : cache.length();
        long length = past + hidden.getShape().get(1);
        limits.requireLength(length, "the input with its soft prompt and cached positions");
        hidden =
                hidden.add(Functional.call(wpe, ps, training, params, positions(in, past, hidden)));
        NDArray mask =
                AttentionMasks.padding(
                        AttentionMasks.requireWidth(
                                in.get("attention_mask"),
                                batch,
                                length,
                                hidden.getManager(),
                                owner));
        hidden = Functional.call(drop, ps, training, params, hidden);
        LayerScope scopes = new LayerScope(training);
        for (Block block : h.block().getChildren().values()) {
            hidden = scopes.call(block, ps, params, hidden, mask);
        }
        hidden = Functional.call(lnF, ps, training, params, hidden);
        return NamedInputs.named(List.of(hidden), OUTPUTS);
    }

    /**
     * @return the given {@code position_ids}, checked, else {@code past .. past + new - 1}
     */
    private NDArray positions(Map<String, NDArray> in, long past, NDArray hidden) {
        NDArray given = in.get("position_ids");
        if (given != null) {
            InputLimits.requireIdsBelow(
                    given, "position_ids", "n_positions", maxPositions, getClass().getSimpleName());
            return given;
        }
        long length = hidden.getShape().get(1);
        return hidden.getManager()
                .arange(Math.toIntExact(past), Math.toIntExact(past + length), 1, DataType.INT64)
                .reshape(1, length);
    }

    /**
     * @param inputShapes the shapes of the inputs in positional order ({@link #INPUTS}): {@code
     *     [batch, length]} token ids, or {@code [batch, length, n_embd]} embeddings
     * @return the {@code last_hidden_state} shape
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape tokens = inputShapes[0];
        return new Shape[] {tokens.dimension() == 3 ? tokens : tokens.add(embedDim)};
    }
}
