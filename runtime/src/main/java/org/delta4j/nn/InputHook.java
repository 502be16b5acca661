package org.delta4j.nn;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A block that changes a model's inputs before the model runs: how a delta reaches a model's root,
 * which surgery cannot replace (a soft prompt on BERT or GPT-2). It is a child of the root, under
 * its own name; roots that take hooks apply them with {@link HfBlock#withInputHooks}.
 */
public interface InputHook extends Block {
    /**
     * @param ps the parameter store
     * @param inputs the model's inputs as the caller gave them
     * @param training whether this is a training pass
     * @param params the pass's extra parameters (a {@link KeyValueCache} among them when it is a
     *     decoding step)
     * @return the inputs the model runs on; new arrays, the caller's are not changed
     */
    NDList beforeForward(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params);
}
