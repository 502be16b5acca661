package org.delta4j.models.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Map;
import org.delta4j.backbone.NamedInputs;
import org.delta4j.backbone.TakesNamedInputs;
import org.delta4j.models.AttentionMasks;
import org.delta4j.nn.Child;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;

/**
 * HF's {@code BertModel} (encoder with pooler): {@code embeddings}, {@code encoder}, {@code
 * pooler}.
 *
 * <p>Inputs, by name or position: {@code input_ids [batch, length]}, {@code attention_mask}
 * (default: all ones), {@code token_type_ids} (default: zeros), {@code position_ids} (default: the
 * variant's) and {@code inputs_embeds [batch, length, hidden]}, which replaces {@code input_ids}
 * (exactly one of the two). Outputs, named: {@code last_hidden_state [batch, length, hidden]} and
 * {@code pooler_output [batch, hidden]}.
 */
public abstract class AbstractBertModel extends HfBlock implements TakesNamedInputs {
    /** The input names, in positional order. */
    public static final List<String> INPUTS =
            List.of(
                    "input_ids",
                    "attention_mask",
                    "token_type_ids",
                    "position_ids",
                    "inputs_embeds");

    /** The output names, in order. */
    public static final List<String> OUTPUTS = List.of("last_hidden_state", "pooler_output");

    private final long hidden;
    private final BertInputChecks checks;
    private final Child embeddings;
    private final Child encoder;
    private final Child pooler;

    /**
     * @param config the model configuration
     * @param embeddings the embeddings ({@code BertEmbeddings} or its variant's class)
     * @param encoder the encoder ({@code BertEncoder} or its variant's class)
     * @param pooler the pooler ({@code BertPooler} or its variant's class)
     * @param positionOffset the first default position ({@code pad_token_id + 1} for RoBERTa, 0 for
     *     BERT), which shortens the longest input
     */
    protected AbstractBertModel(
            BertConfig config, Block embeddings, Block encoder, Block pooler, long positionOffset) {
        this.hidden = config.hiddenSize();
        this.checks = new BertInputChecks(config, positionOffset, getClass().getSimpleName());
        this.embeddings = child("embeddings", embeddings);
        this.encoder = child("encoder", encoder);
        this.pooler = child("pooler", pooler);
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
        checks.checkGiven(NamedInputs.resolve(inputs, INPUTS, owner));
        inputs = withInputHooks(ps, inputs, training, params);
        Map<String, NDArray> in = NamedInputs.resolve(inputs, INPUTS, owner);
        NDArray tokens = BertFamily.tokens(in, owner);
        checks.checkHooked(in, tokens);
        NDList embeddingInputs =
                new NDList(tokens, BertFamily.orFull(in, "token_type_ids", tokens, 0));
        if (in.containsKey("position_ids")) {
            embeddingInputs.add(in.get("position_ids"));
        }
        NDArray embedded = embeddings.forward(ps, embeddingInputs, training, params).head();
        NDArray mask = AttentionMasks.padding(BertFamily.orFull(in, "attention_mask", tokens, 1));
        NDArray sequence = Functional.call(encoder, ps, training, params, embedded, mask);
        NDArray pooled = Functional.call(pooler, ps, training, params, sequence);
        return NamedInputs.named(List.of(sequence, pooled), OUTPUTS);
    }

    /**
     * @param inputShapes the shapes of the inputs in positional order ({@link #INPUTS}), {@code
     *     input_ids} first
     * @return {@code last_hidden_state} and {@code pooler_output} shapes
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        return new Shape[] {ids.add(hidden), new Shape(ids.get(0), hidden)};
    }
}
