package org.delta4j.models.gpt2;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.nn.Child;
import org.delta4j.nn.Conv1D;
import org.delta4j.nn.Dropout;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfActivation;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.SizedBlock;

/** HF's {@code GPT2MLP}: {@code dropout(c_proj(act(c_fc(x))))}, children in HF's order. */
public final class GPT2MLP extends HfBlock implements SizedBlock {
    private final long embedDim;
    private final Child cFc;
    private final Child cProj;
    private final Child act;
    private final Child dropout;

    /**
     * @param config the model configuration
     */
    public GPT2MLP(GPT2Config config) {
        this.embedDim = config.nEmbd();
        this.cFc =
                child(
                        "c_fc",
                        Conv1D.create(embedDim, config.innerSize(), config.initializerRange()));
        this.cProj =
                child("c_proj", Conv1D.create(config.innerSize(), embedDim, config.cProjStd()));
        this.act = child("act", HfActivation.forName(config.activationFunction()));
        this.dropout = child("dropout", new Dropout(config.residPdrop()));
    }

    @Override
    public long hiddenSize() {
        return embedDim;
    }

    /**
     * @param inputs {@code hidden_states [batch, length, n_embd]}
     * @return the feed-forward output {@code [batch, length, n_embd]}
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(
                Functional.chain(ps, training, params, inputs.head(), cFc, act, cProj, dropout));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
