package org.delta4j.examples.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.delta4j.models.bert.BertModel;

/**
 * Inference: one forward pass of the whole {@code BertModel} in eval mode (no dropout, no
 * autograd), its intermediates freed after each pass.
 */
final class ForwardCase implements BenchCase {
    private final Model model;
    private final BertModel bert;
    private final NDList inputs;

    ForwardCase(EncoderSetup setup) {
        model = Model.newInstance("bench-forward");
        bert = setup.newModel(model.getNDManager());
        model.setBlock(bert);
        inputs = setup.inputs(model.getNDManager());
    }

    @Override
    public void runOnce() {
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDList in = EncoderSetup.copy(inputs);
            in.attach(scope);
            NDList out = bert.forward(new ParameterStore(scope, false), in, false);
            out.get("last_hidden_state");
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
