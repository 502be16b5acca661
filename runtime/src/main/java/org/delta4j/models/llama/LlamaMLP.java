package org.delta4j.models.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.nn.Child;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfActivation;
import org.delta4j.nn.Linear;

/**
 * HF's {@code LlamaMLP} (and Mistral's and Qwen2's), the SwiGLU feed-forward: {@code
 * down_proj(act_fn(gate_proj(x)) * up_proj(x))}.
 */
public final class LlamaMLP extends LlamaFamilyBlock {
    private final Child gateProj;
    private final Child upProj;
    private final Child downProj;
    private final Child actFn;

    /**
     * @param config the model configuration
     */
    public LlamaMLP(LlamaFamilyConfig config) {
        super(config, "MLP");
        long hidden = hiddenSize();
        long inner = config.intermediateSize();
        float std = config.initializerRange();
        boolean bias = config.mlpBias();
        this.gateProj = child("gate_proj", Linear.create(hidden, inner, bias, std));
        this.upProj = child("up_proj", Linear.create(hidden, inner, bias, std));
        this.downProj = child("down_proj", Linear.create(inner, hidden, bias, std));
        this.actFn = child("act_fn", HfActivation.forName(config.hiddenAct()));
    }

    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray gate = Functional.chain(ps, training, params, x, gateProj, actFn);
        NDArray up = Functional.call(upProj, ps, training, params, x);
        return new NDList(Functional.call(downProj, ps, training, params, gate.mul(up)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
