package org.delta4j.models.t5;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.delta4j.io.Safetensors;
import org.delta4j.models.FixtureOutputs;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.PrefixedAttention;
import org.delta4j.models.hf.HfModels;
import org.delta4j.tree.ModuleTree;
import org.delta4j.tree.Surgery;
import org.junit.jupiter.api.Test;

/**
 * The prefix contract is enough to reproduce OpenDelta's {@code PrefixModel} on T5 (fixture {@code
 * t5_prefix_default}): the reparameterised prefixes, computed here by hand from the fixture's delta
 * values, passed to the four self-attentions, each dropping its position bias as OpenDelta's prefix
 * layer does.
 */
class T5OpenDeltaPrefixTest {
    private static final int P = 6;
    private static final List<String> ATTENTIONS =
            List.of(
                    "encoder.block.0.layer.0.SelfAttention",
                    "encoder.block.1.layer.0.SelfAttention",
                    "decoder.block.0.layer.0.SelfAttention",
                    "decoder.block.1.layer.0.SelfAttention");
    private static final String REPARAMS = "deltas.encoder.block.0.layer.0.reparams.";

    @Test
    void outputsMatchOpenDelta() throws IOException {
        Path dir = Fixtures.openDelta("t5_prefix_default");
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.load(Fixtures.model("t5_for_conditional_generation"), manager);
            Map<String, NDArray> expected =
                    Safetensors.read(dir.resolve("expected.safetensors"), manager);
            // control_trans(wte(arange(p))): [p, 2 * layers * d_model], then per layer a key and a
            // value [p, d].
            NDArray wte = expected.get(REPARAMS + "wte.weight");
            NDArray mid =
                    wte.matMul(expected.get(REPARAMS + "control_trans.0.weight").transpose())
                            .add(expected.get(REPARAMS + "control_trans.0.bias"))
                            .tanh();
            NDArray all =
                    mid.matMul(expected.get(REPARAMS + "control_trans.2.weight").transpose())
                            .add(expected.get(REPARAMS + "control_trans.2.bias"))
                            .reshape(P, 2 * ATTENTIONS.size(), 32)
                            .transpose(1, 0, 2);
            for (int i = 0; i < ATTENTIONS.size(); i++) {
                Block attention = ModuleTree.of(model).module(ATTENTIONS.get(i)).block();
                Surgery.replace(
                        model,
                        ATTENTIONS.get(i),
                        new PrefixedAttention(
                                attention, heads(all.get(2 * i)), heads(all.get(2 * i + 1)), true));
            }
            NDList out =
                    model.forward(
                            new ParameterStore(manager, false),
                            ModelInputs.fromJson(manager, dir.resolve("inputs.json")),
                            false);
            for (String name :
                    List.of("logits", "last_hidden_state", "encoder_last_hidden_state")) {
                float diff = Fixtures.maxAbsDiff(out.get(name), expected.get("outputs." + name));
                System.out.printf("t5_prefix_default %s max abs diff %.3g%n", name, diff);
                assertTrue(diff <= FixtureOutputs.TOLERANCE, name + " differs by " + diff);
            }
        }
    }

    /** OpenDelta's {@code expand_batchsize}: {@code [p, d]} to {@code [1, heads, p, d_kv]}. */
    private static NDArray heads(NDArray x) {
        return x.reshape(P, 4, 8).transpose(1, 0, 2).expandDims(0);
    }
}
