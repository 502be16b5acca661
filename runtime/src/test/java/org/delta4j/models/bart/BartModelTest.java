package org.delta4j.models.bart;

import static org.delta4j.models.ModelChecks.eval;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Map;
import org.delta4j.models.ModelChecks;
import org.delta4j.models.hf.HfModels;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.Test;

/** BART's behaviour beyond the fixtures: initialisation, inputs, dropout, gradients. */
class BartModelTest {
    private static final long[][] IDS = {{0, 31, 12, 45, 7, 2}, {0, 8, 9, 2, 1, 1}};
    private static final long[][] MASK = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}};
    private static final long[][] DECODER_IDS = {{2, 0, 31, 12}, {2, 0, 8, 9}};
    private static final Map<String, long[][]> INPUTS =
            Map.of("input_ids", IDS, "attention_mask", MASK, "decoder_input_ids", DECODER_IDS);

    private static NDList inputs(NDManager manager, String... names) {
        return ModelChecks.select(manager, INPUTS, names);
    }

    @Test
    void randomModelIsInitialisedAsHf() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model =
                    HfModels.random(TinyBart.config("BartForConditionalGeneration"), manager, 7);
            Map<String, Parameter> params = ModuleTree.of(model).parameters();
            NDArray shared = params.get("model.shared.weight").getArray();
            assertEquals(0f, shared.get(1).abs().sum().getFloat(), "padding row 1 must be zero");
            float std = (float) Math.sqrt(shared.get("2:").square().mean().getFloat());
            assertTrue(Math.abs(std - 0.02f) < 0.002f, "shared std " + std);
            assertEquals(
                    0f,
                    params.get("model.encoder.layers.0.fc1.bias")
                            .getArray()
                            .abs()
                            .sum()
                            .getFloat());
            assertEquals(
                    32f,
                    params.get("model.decoder.layernorm_embedding.weight")
                            .getArray()
                            .sum()
                            .getFloat());
            assertEquals(
                    0f,
                    ModuleTree.of(model)
                            .buffers()
                            .get("final_logits_bias")
                            .getArray()
                            .abs()
                            .sum()
                            .getFloat());
            Block again =
                    HfModels.random(TinyBart.config("BartForConditionalGeneration"), manager, 7);
            NDArray sameSeed =
                    ModuleTree.of(again)
                            .parameters()
                            .get("model.encoder.layers.1.fc2.weight")
                            .getArray();
            assertEquals(params.get("model.encoder.layers.1.fc2.weight").getArray(), sameSeed);
        }
    }

    @Test
    void trainingForwardDropsOutAndEvalIsDeterministic() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.random(TinyBart.config("BartModel"), manager, 1);
            ModelChecks.assertDropoutOnlyWhileTraining(
                    model,
                    manager,
                    inputs(manager, "input_ids", "attention_mask", "decoder_input_ids"));
        }
    }

    @Test
    void gradientsReachTiedAndUntiedWeights() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model =
                    HfModels.random(TinyBart.config("BartForConditionalGeneration"), manager, 3);
            ModelChecks.backward(
                    model,
                    manager,
                    inputs(manager, "input_ids", "attention_mask", "decoder_input_ids"),
                    "logits");
            ModelChecks.assertGradients(
                    model,
                    List.of(
                            "lm_head.weight",
                            "model.encoder.layers.0.self_attn.k_proj.weight",
                            "model.decoder.embed_positions.weight"));
            assertFalse(ModuleTree.of(model).buffers().get("final_logits_bias").requiresGradient());
        }
    }

    @Test
    void shiftTokensRightPutsStartFirstAndPadsIgnoredLabels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray labels = manager.create(new long[][] {{5, 6, -100, 7}, {8, -100, -100, -100}});
            NDArray shifted = BartModel.shiftTokensRight(labels, 1, 2);
            assertArrayEquals(new long[] {2, 5, 6, 1, 2, 8, 1, 1}, shifted.toLongArray());
        }
    }

    @Test
    void defaultsAreShiftedInputsAndFullMasks() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.random(TinyBart.config("BartModel"), manager, 5);
            NDList ids = inputs(manager, "input_ids");
            NDArray shifted = BartModel.shiftTokensRight(ids.head(), 1, 2);
            shifted.setName("decoder_input_ids");
            NDArray ones = ids.head().onesLike();
            ones.setName("attention_mask");
            NDArray derived = eval(model, manager, ids).get("last_hidden_state");
            NDArray explicit =
                    eval(model, manager, new NDList(ids.head(), ones, shifted))
                            .get("last_hidden_state");
            assertEquals(derived, explicit);
        }
    }

    @Test
    void unnamedInputsArePositional() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.random(TinyBart.config("BartModel"), manager, 5);
            NDList named = inputs(manager, "decoder_input_ids", "input_ids", "attention_mask");
            NDList positional = new NDList();
            for (String name : new String[] {"input_ids", "attention_mask", "decoder_input_ids"}) {
                NDArray copy = named.get(name).duplicate();
                copy.setName(null);
                positional.add(copy);
            }
            NDList a = eval(model, manager, named);
            NDList b = eval(model, manager, positional);
            assertEquals(a.get("last_hidden_state"), b.get("last_hidden_state"));
            assertEquals(a.get("encoder_last_hidden_state"), b.get("encoder_last_hidden_state"));
            assertEquals("encoder_last_hidden_state", b.get(1).getName());
        }
    }

    @Test
    void unknownInputNameIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.random(TinyBart.config("BartModel"), manager, 5);
            NDArray ids = manager.create(IDS);
            ids.setName("token_ids");
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> eval(model, manager, new NDList(ids)));
            assertTrue(
                    e.getMessage().contains("token_ids") && e.getMessage().contains("input_ids"),
                    e.getMessage());
        }
    }

    @Test
    void outputShapesFollowInputs() {
        Block bart = new BartModel(TinyBart.config("BartModel"));
        Block lm =
                new BartForConditionalGeneration(TinyBart.config("BartForConditionalGeneration"));
        Shape[] in = {new Shape(2, 6), new Shape(2, 6), new Shape(2, 4)};
        assertArrayEquals(
                new Shape[] {new Shape(2, 4, 32), new Shape(2, 6, 32)}, bart.getOutputShapes(in));
        assertArrayEquals(
                new Shape[] {new Shape(2, 4, 99), new Shape(2, 4, 32), new Shape(2, 6, 32)},
                lm.getOutputShapes(in));
        assertArrayEquals(
                new Shape[] {new Shape(2, 6, 32), new Shape(2, 6, 32)},
                bart.getOutputShapes(new Shape[] {new Shape(2, 6)}));
        assertTrue(
                lm.toString()
                        .contains(
                                "\t\t\t\t(0): BartDecoderLayer {\n\t\t\t\t\t(self_attn): BartAttention {"),
                lm.toString());
    }
}
