package org.delta4j.models.distilbert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Map;
import org.delta4j.backbone.NamedInputs;
import org.delta4j.backbone.TakesNamedInputs;
import org.delta4j.models.AttentionMasks;
import org.delta4j.models.InputLimits;
import org.delta4j.models.bert.BertFamily;
import org.delta4j.nn.Child;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;

/**
 * HF's {@code DistilBertModel}: {@link Embeddings} {@code embeddings} and the {@link Transformer}
 * {@code transformer}.
 *
 * <p>Inputs, by name or position: {@code input_ids [batch, length]}, {@code attention_mask}
 * (default: all ones) and {@code inputs_embeds [batch, length, dim]}, which replaces {@code
 * input_ids} (exactly one of the two). Output, named: {@code last_hidden_state [batch, length,
 * dim]}.
 *
 * <p>{@code inputs_embeds} replace only the word-embedding lookup: positions, layer norm and
 * dropout follow, as in BERT and in HF from 4.27 on. HF 4.26 fed them to the transformer directly,
 * skipping the whole embedding step, a bug fixed in 4.27 (transformers issue 21089).
 */
public final class DistilBertModel extends HfBlock implements TakesNamedInputs {
    /** The input names, in positional order. */
    public static final List<String> INPUTS =
            List.of("input_ids", "attention_mask", "inputs_embeds");

    /** The output names, in order. */
    public static final List<String> OUTPUTS = List.of("last_hidden_state");

    private final long dim;
    private final InputLimits limits;
    private final Child embeddings;
    private final Child transformer;

    /**
     * @param config the model configuration
     */
    public DistilBertModel(DistilBertConfig config) {
        this.dim = config.dim();
        this.limits =
                new InputLimits(
                        getClass().getSimpleName(),
                        config.vocabSize(),
                        config.maxPositionEmbeddings(),
                        "max_position_embeddings = " + config.maxPositionEmbeddings());
        this.embeddings = child("embeddings", new Embeddings(config));
        this.transformer = child("transformer", new Transformer(config));
    }

    @Override
    public List<String> inputNames() {
        return INPUTS;
    }

    @Override
    public Embedding inputEmbeddings() {
        return BertFamily.embeddingAt(this, "embeddings.word_embeddings");
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        String owner = getClass().getSimpleName();
        limits.check(NamedInputs.resolve(inputs, INPUTS, owner), "input_ids", "inputs_embeds");
        inputs = withInputHooks(ps, inputs, training, params);
        Map<String, NDArray> in = NamedInputs.resolve(inputs, INPUTS, owner);
        NDArray tokens = BertFamily.tokens(in, owner);
        limits.requireLength(tokens.getShape().get(1), "the input with its soft prompt");
        NDArray embedded = Functional.call(embeddings, ps, training, params, tokens);
        NDArray mask = AttentionMasks.padding(BertFamily.orFull(in, "attention_mask", tokens, 1));
        NDArray hidden = Functional.call(transformer, ps, training, params, embedded, mask);
        return NamedInputs.named(List.of(hidden), OUTPUTS);
    }

    /**
     * @param inputShapes the shapes of the inputs in positional order ({@link #INPUTS}), {@code
     *     input_ids} first
     * @return the {@code last_hidden_state} shape
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(dim)};
    }
}
