package org.delta4j.models.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.delta4j.backbone.NamedInputs;
import org.delta4j.backbone.TakesNamedInputs;
import org.delta4j.models.HasInputLimits;
import org.delta4j.models.InputLimits;
import org.delta4j.nn.Child;
import org.delta4j.nn.Dropout;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.Linear;

/**
 * HF's {@code BertForSequenceClassification}: a {@link BertModel} {@code bert}, then {@code
 * dropout} and the linear {@code classifier} on its pooled output.
 *
 * <p>Inputs are those of {@link BertModel}. Outputs, named: {@code logits [batch, num_labels]},
 * then the backbone's {@code last_hidden_state} and {@code pooler_output}.
 */
public final class BertForSequenceClassification extends HfBlock
        implements TakesNamedInputs, HasInputLimits {
    /** The output names, in order. */
    public static final List<String> OUTPUTS =
            List.of("logits", "last_hidden_state", "pooler_output");

    private final long numLabels;
    private final BertInputChecks checks;
    private final Child bert;
    private final Child dropout;
    private final Child classifier;

    /**
     * @param config the model configuration
     */
    public BertForSequenceClassification(BertConfig config) {
        this.numLabels = config.numLabels();
        this.checks = new BertInputChecks(config, 0, getClass().getSimpleName());
        this.bert = child("bert", new BertModel(config));
        this.dropout = child("dropout", new Dropout(config.classifierDropout()));
        this.classifier =
                child(
                        "classifier",
                        Linear.create(
                                config.hiddenSize(), numLabels, true, config.initializerRange()));
    }

    /**
     * @return {@code num_labels}: the number of classes, or 1 for a regression head
     */
    public long numLabels() {
        return numLabels;
    }

    @Override
    public InputLimits inputLimits() {
        return checks.limits();
    }

    @Override
    public List<String> inputNames() {
        return AbstractBertModel.INPUTS;
    }

    @Override
    public Embedding inputEmbeddings() {
        return BertFamily.embeddingAt(this, "bert.embeddings.word_embeddings");
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        // Before the hooks: a soft prompt looks the ids up.
        checks.checkGiven(
                NamedInputs.resolve(inputs, AbstractBertModel.INPUTS, getClass().getSimpleName()));
        inputs = withInputHooks(ps, inputs, training, params);
        NDList out = bert.forward(ps, inputs, training, params);
        NDArray pooled = out.get(1);
        NDArray logits =
                Functional.call(
                        classifier,
                        ps,
                        training,
                        params,
                        Functional.call(dropout, ps, training, params, pooled));
        return NamedInputs.named(List.of(logits, out.get(0), pooled), OUTPUTS);
    }

    /**
     * @param inputShapes the shapes of the inputs in {@link BertModel}'s positional order
     * @return {@code logits}, {@code last_hidden_state} and {@code pooler_output} shapes
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] base = bert.getOutputShapes(inputShapes);
        return new Shape[] {new Shape(base[1].get(0), numLabels), base[0], base[1]};
    }
}
