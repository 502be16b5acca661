package org.delta4j.models.bart;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.List;
import org.delta4j.backbone.HasEncoder;
import org.delta4j.backbone.HasInputEmbeddings;
import org.delta4j.backbone.NamedInputs;
import org.delta4j.models.HasInputLimits;
import org.delta4j.models.Hosted;
import org.delta4j.models.InputLimits;
import org.delta4j.models.TeacherForced;
import org.delta4j.nn.Child;
import org.delta4j.nn.Embedding;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.Linear;
import org.delta4j.tree.ModuleTree;

/**
 * HF's {@code BartForConditionalGeneration}: a {@link BartModel} and a language-model head {@code
 * lm_head} whose weight is the model's {@code shared} table, plus the buffer {@code
 * final_logits_bias [1, vocab]}.
 *
 * <p>Inputs are those of {@link BartModel}. Outputs, named: {@code logits [batch, length, vocab]},
 * {@code last_hidden_state} (the decoder's) and {@code encoder_last_hidden_state}.
 */
public final class BartForConditionalGeneration extends HfBlock
        implements HasInputEmbeddings, HasEncoder, HasInputLimits, TeacherForced {
    /** The output names, in order. */
    public static final List<String> OUTPUTS =
            List.of("logits", "last_hidden_state", "encoder_last_hidden_state");

    private final long vocabSize;
    private final Parameter finalLogitsBias;
    private final Child model;
    private final Child lmHead;

    /**
     * @param config the model configuration
     */
    public BartForConditionalGeneration(BartConfig config) {
        this.vocabSize = config.vocabSize();
        this.finalLogitsBias =
                buffer("final_logits_bias", new Shape(1, vocabSize), Initializer.ZEROS);
        BartModel bart = new BartModel(config);
        this.model = child("model", bart);
        this.lmHead = child("lm_head", Linear.tied(bart.sharedWeight()));
    }

    @Override
    public InputLimits inputLimits() {
        return Hosted.module(model.block(), BartModel.class).inputLimits();
    }

    @Override
    public Embedding inputEmbeddings() {
        return ((HasInputEmbeddings) ModuleTree.of(this).module("model").shown()).inputEmbeddings();
    }

    @Override
    public NDArray decoderInputIds(NDArray labels) {
        return Hosted.module(model.block(), BartModel.class).shiftRight(labels);
    }

    @Override
    public String encoderPath() {
        return "model.encoder";
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList out = model.forward(ps, inputs, training, params);
        NDArray decoded = out.get(0);
        NDArray bias = ps.getValue(finalLogitsBias, decoded.getDevice(), training);
        NDArray logits = Functional.call(lmHead, ps, training, params, decoded).add(bias);
        return NamedInputs.named(List.of(logits, decoded, out.get(1)), OUTPUTS);
    }

    /**
     * @param inputShapes the shapes of the inputs in {@link BartModel}'s positional order
     * @return {@code logits}, {@code last_hidden_state} and {@code encoder_last_hidden_state}
     *     shapes
     */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] base = model.getOutputShapes(inputShapes);
        Shape decoderIds = base[0].slice(0, base[0].dimension() - 1);
        return new Shape[] {decoderIds.add(vocabSize), base[0], base[1]};
    }
}
