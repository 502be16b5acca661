package org.delta4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.delta4j.backbone.HasInputEmbeddings;
import org.delta4j.tree.ModuleTree;

/** The behaviour checks every architecture's model tests share: inputs, dropout, gradients. */
public final class ModelChecks {
    private ModelChecks() {}

    /**
     * @param model the model
     * @param manager the manager of the inputs
     * @param in the inputs
     * @return the outputs of an inference pass
     */
    public static NDList eval(Block model, NDManager manager, NDList in) {
        return model.forward(new ParameterStore(manager, false), in, false);
    }

    /**
     * @param manager the manager that will own the arrays
     * @param all a test's inputs by name
     * @param names the inputs to pass, in this order
     * @return those inputs as named INT64 arrays
     */
    public static NDList select(NDManager manager, Map<String, long[][]> all, String... names) {
        Map<String, long[][]> chosen = new LinkedHashMap<>();
        for (String name : names) {
            chosen.put(name, all.get(name));
        }
        return ModelInputs.of(manager, chosen);
    }

    /**
     * Asserts that inference passes agree while training passes apply dropout, with a new mask each
     * pass; compares {@code last_hidden_state}.
     *
     * @param model a model whose configuration has dropout
     * @param manager the manager of the inputs
     * @param in the inputs
     */
    public static void assertDropoutOnlyWhileTraining(Block model, NDManager manager, NDList in) {
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray eval1 = model.forward(ps, in, false).get("last_hidden_state");
        NDArray eval2 = model.forward(ps, in, false).get("last_hidden_state");
        NDArray train1 = model.forward(ps, in, true).get("last_hidden_state");
        NDArray train2 = model.forward(ps, in, true).get("last_hidden_state");
        assertEquals(eval1, eval2);
        assertTrue(
                Fixtures.maxAbsDiff(eval1, train1) > 1e-3, "training forward should apply dropout");
        assertTrue(
                Fixtures.maxAbsDiff(train1, train2) > 1e-3,
                "dropout masks should differ between passes");
    }

    /**
     * Runs a training pass and back-propagates the sum of the mean squares of some outputs. A
     * garbage collection runs before the backward pass: scalars that autograd keeps must survive it
     * (see {@code Functional.times}).
     *
     * @param model the model
     * @param manager the manager of the inputs
     * @param in the inputs
     * @param outputs the names of the outputs in the loss; all outputs when none is given
     */
    public static void backward(Block model, NDManager manager, NDList in, String... outputs) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList out = model.forward(new ParameterStore(manager, false), in, true);
            NDList terms = outputs.length == 0 ? out : new NDList();
            for (String name : outputs) {
                terms.add(out.get(name));
            }
            NDArray loss = terms.get(0).square().mean();
            for (int i = 1; i < terms.size(); i++) {
                loss = loss.add(terms.get(i).square().mean());
            }
            System.gc();
            collector.backward(loss);
        }
    }

    /**
     * Asserts, after {@link #backward}, that each parameter got a gradient that is not zero and
     * finite.
     *
     * @param model the model
     * @param paths parameter paths, such as {@code lm_head.weight}
     */
    public static void assertGradients(Block model, Iterable<String> paths) {
        Map<String, Parameter> params = ModuleTree.of(model).parameters();
        for (String path : paths) {
            float size = params.get(path).getArray().getGradient().abs().sum().getFloat();
            assertTrue(size > 0f && Float.isFinite(size), "gradient of " + path + ": " + size);
        }
    }

    /**
     * @param model a model
     * @param manager the manager of the ids
     * @param ids {@code input_ids [batch, length]}
     * @return the ids looked up in the model's input embeddings, named {@code inputs_embeds}
     */
    public static NDArray inputsEmbeds(HasInputEmbeddings model, NDManager manager, NDArray ids) {
        NDArray embeds =
                model.inputEmbeddings()
                        .forward(new ParameterStore(manager, false), new NDList(ids), false)
                        .head();
        embeds.setName("inputs_embeds");
        return embeds;
    }
}
