package org.delta4j.testing;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.HfModels;

/**
 * The fixtures' BartForConditionalGeneration loaded once, with its inputs, for tests that attach or
 * load deltas many times and check after each that the backbone is as it was.
 */
public final class FixtureBart implements AutoCloseable {
    private final NDManager manager;
    private final NDList inputs;
    private final Block backbone;

    private FixtureBart(NDManager manager, NDList inputs, Block backbone) {
        this.manager = manager;
        this.inputs = inputs;
        this.backbone = backbone;
    }

    /**
     * @return the loaded model (the test skips when the fixtures are absent)
     * @throws IOException when the fixture cannot be read
     */
    public static FixtureBart load() throws IOException {
        NDManager manager = NDManager.newBaseManager();
        Path model = Fixtures.model("bart_for_conditional_generation");
        NDList inputs = ModelInputs.fromJson(manager, model.resolve("inputs.json"));
        return new FixtureBart(manager, inputs, HfModels.load(model, manager));
    }

    /**
     * @return the model
     */
    public Block backbone() {
        return backbone;
    }

    /**
     * @return the model's logits on the fixture's inputs
     */
    public float[] logits() {
        return backbone.forward(new ParameterStore(manager, false), inputs, false)
                .get("logits")
                .toFloatArray();
    }

    @Override
    public void close() {
        manager.close();
    }
}
