package org.delta4j.models.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.delta4j.nn.AttentionPrefix;
import org.delta4j.nn.Child;
import org.delta4j.nn.Functional;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.SizedBlock;

/**
 * HF's {@code BertAttention}: the self-attention {@code self}, then its projection and residual
 * step {@code output}. A prefix given to this block ({@link AttentionPrefix}) goes on to {@code
 * self}, as HF passes {@code past_key_value} on, so prefix tuning can wrap either block (OpenDelta
 * targets this one).
 */
public abstract class AbstractBertAttention extends HfBlock implements SizedBlock {
    private final long hidden;
    private final Child self;
    private final Child output;

    /**
     * @param hidden the hidden size
     * @param self the self-attention ({@code BertSelfAttention} or its variant's class)
     * @param output the output step ({@code BertSelfOutput} or its variant's class)
     */
    protected AbstractBertAttention(long hidden, Block self, Block output) {
        this.hidden = hidden;
        this.self = child("self", self);
        this.output = child("output", output);
    }

    @Override
    public long hiddenSize() {
        return hidden;
    }

    /**
     * @param inputs {@code hidden_states [batch, length, hidden]} and the additive {@code
     *     attention_mask} {@code [batch, 1, 1, length]}, optionally followed by a named prefix
     *     ({@link AttentionPrefix})
     * @return the attention output {@code [batch, length, hidden]}
     */
    @Override
    protected NDList compute(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList positional = AttentionPrefix.others(inputs);
        NDArray x = positional.get(0);
        NDList selfInputs = new NDList(x, positional.get(1));
        selfInputs.addAll(AttentionPrefix.of(inputs).arrays());
        NDArray attended = self.forward(ps, selfInputs, training, params).head();
        return new NDList(Functional.call(output, ps, training, params, attended, x));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
