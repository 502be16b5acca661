package org.delta4j.models.t5;

import static org.delta4j.models.ModelChecks.eval;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.delta.host.DeltaHost;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelChecks;
import org.delta4j.models.bart.BartModel;
import org.delta4j.models.hf.HfModels;
import org.delta4j.nn.Embedding;
import org.delta4j.tree.ModuleTree;
import org.delta4j.tree.Surgery;
import org.junit.jupiter.api.Test;

/**
 * T5's behaviour beyond the fixtures: initialisation, inputs, dropout, gradients, the tied head.
 */
class T5ModelTest {
    private static final long[][] IDS = {{5, 31, 12, 45, 7, 1}, {9, 8, 9, 1, 0, 0}};
    private static final long[][] MASK = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}};
    private static final long[][] DECODER_IDS = {{0, 31, 12, 45}, {0, 8, 9, 1}};
    private static final Map<String, long[][]> INPUTS =
            Map.of("input_ids", IDS, "attention_mask", MASK, "decoder_input_ids", DECODER_IDS);

    private static NDList inputs(NDManager manager, String... names) {
        return ModelChecks.select(manager, INPUTS, names);
    }

    private static float std(Map<String, Parameter> params, String path) {
        return (float) Math.sqrt(params.get(path).getArray().square().mean().getFloat());
    }

    @Test
    void randomModelIsInitialisedAsHf() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model =
                    HfModels.random(TinyT5.config("T5ForConditionalGeneration", ""), manager, 7);
            Map<String, Parameter> params = ModuleTree.of(model).parameters();
            String attn = "encoder.block.0.layer.0.SelfAttention.";
            Map<String, Float> expected = new LinkedHashMap<>();
            expected.put("shared.weight", 1f);
            expected.put(attn + "q.weight", (float) Math.pow(32 * 8, -0.5));
            expected.put(attn + "k.weight", (float) Math.pow(32, -0.5));
            expected.put(attn + "o.weight", (float) Math.pow(32, -0.5));
            expected.put(
                    "decoder.block.1.layer.2.DenseReluDense.wi.weight", (float) Math.pow(32, -0.5));
            expected.put(
                    "decoder.block.1.layer.2.DenseReluDense.wo.weight", (float) Math.pow(37, -0.5));
            expected.forEach(
                    (path, target) -> {
                        float actual = std(params, path);
                        assertTrue(
                                Math.abs(actual - target) < 0.1f * target,
                                path + " std " + actual + ", HF " + target);
                    });
            assertEquals(
                    32f, params.get("decoder.final_layer_norm.weight").getArray().sum().getFloat());
            assertSame(params.get("shared.weight"), params.get("lm_head.weight"));
        }
    }

    @Test
    void trainingForwardDropsOutAndEvalIsDeterministic() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.random(TinyT5.config("T5Model", ""), manager, 1);
            ModelChecks.assertDropoutOnlyWhileTraining(
                    model,
                    manager,
                    inputs(manager, "input_ids", "attention_mask", "decoder_input_ids"));
        }
    }

    @Test
    void inputsEmbedsFeedTheEncoder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            T5ForConditionalGeneration model =
                    (T5ForConditionalGeneration)
                            HfModels.random(
                                    TinyT5.config("T5ForConditionalGeneration", ""), manager, 2);
            NDList in = inputs(manager, "input_ids", "attention_mask", "decoder_input_ids");
            NDArray embeds = ModelChecks.inputsEmbeds(model, manager, in.get("input_ids"));
            NDList byEmbeds =
                    new NDList(embeds, in.get("attention_mask"), in.get("decoder_input_ids"));
            NDList a = eval(model, manager, in);
            NDList b = eval(model, manager, byEmbeds);
            assertEquals(a.get("logits"), b.get("logits"));
            assertEquals(a.get("encoder_last_hidden_state"), b.get("encoder_last_hidden_state"));
            NDList noDecoderIds = new NDList(embeds, in.get("attention_mask"));
            String message =
                    assertThrows(
                                    IllegalArgumentException.class,
                                    () -> eval(model, manager, noDecoderIds))
                            .getMessage();
            assertTrue(
                    message.contains("input_ids") && message.contains("decoder_input_ids"),
                    message);
        }
    }

    @Test
    void defaultsAreShiftedInputsAndFullMasks() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.random(TinyT5.config("T5Model", ""), manager, 5);
            NDList ids = inputs(manager, "input_ids");
            NDArray shifted = BartModel.shiftTokensRight(ids.head(), 0, 0);
            shifted.setName("decoder_input_ids");
            NDArray ones = ids.head().onesLike();
            ones.setName("attention_mask");
            NDList derived = eval(model, manager, ids);
            NDList explicit = eval(model, manager, new NDList(ids.head(), ones, shifted));
            assertEquals(derived.get("last_hidden_state"), explicit.get("last_hidden_state"));
            assertArrayEquals(new long[] {0, 5, 31, 12, 45, 7}, shifted.get("0").toLongArray());
        }
    }

    @Test
    void tiedHeadRescalesAndUntiedHeadDoesNot() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList in = inputs(manager, "input_ids", "attention_mask", "decoder_input_ids");
            for (boolean tied : new boolean[] {true, false}) {
                Block model =
                        HfModels.random(
                                TinyT5.config(
                                        "T5ForConditionalGeneration",
                                        ", \"tie_word_embeddings\": " + tied),
                                manager,
                                6);
                Map<String, Parameter> params = ModuleTree.of(model).parameters();
                NDList out = eval(model, manager, in);
                NDArray head = params.get("lm_head.weight").getArray();
                NDArray input =
                        tied
                                ? out.get("last_hidden_state")
                                        .mul(manager.create((float) Math.pow(32, -0.5)))
                                : out.get("last_hidden_state");
                assertTrue(
                        Fixtures.maxAbsDiff(input.matMul(head.transpose()), out.get("logits"))
                                < 1e-5f);
                assertEquals(tied, params.get("lm_head.weight") == params.get("shared.weight"));
            }
        }
    }

    @Test
    void gradientsReachRelativeBiasesAndTiedWeights() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model =
                    HfModels.random(TinyT5.config("T5ForConditionalGeneration", ""), manager, 3);
            ModelChecks.backward(
                    model,
                    manager,
                    inputs(manager, "input_ids", "attention_mask", "decoder_input_ids"),
                    "logits");
            ModelChecks.assertGradients(
                    model,
                    List.of(
                            "shared.weight",
                            "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
                            "decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight",
                            "decoder.block.1.layer.1.EncDecAttention.k.weight",
                            "encoder.block.1.layer.1.layer_norm.weight"));
        }
    }

    @Test
    void inputEmbeddingsIsTheSharedTableThroughDeltaHosts() {
        T5Model model = (T5Model) HfModels.build(TinyT5.config("T5Model", ""));
        Embedding shared = model.inputEmbeddings();
        assertSame(ModuleTree.of(model).module("shared").block(), shared);
        Surgery.replace(model, "shared", new DeltaHost(shared));
        assertSame(shared, model.inputEmbeddings());
    }

    @Test
    void shapesAndLayerCountsFollowTheConfig() {
        Block model =
                HfModels.build(
                        TinyT5.config("T5ForConditionalGeneration", ", \"num_decoder_layers\": 3"));
        ModuleTree tree = ModuleTree.of(model);
        assertTrue(tree.contains("decoder.block.2.layer.2") && !tree.contains("encoder.block.2"));
        assertNotSame(
                tree.module("decoder.block.1").block(), tree.module("decoder.block.2").block());
        Shape[] in = {new Shape(2, 6), new Shape(2, 6), new Shape(2, 4)};
        assertArrayEquals(
                new Shape[] {new Shape(2, 4, 99), new Shape(2, 4, 32), new Shape(2, 6, 32)},
                model.getOutputShapes(in));
        assertArrayEquals(
                new Shape[] {new Shape(2, 6, 32), new Shape(2, 6, 32)},
                HfModels.build(TinyT5.config("T5Model", ""))
                        .getOutputShapes(new Shape[] {new Shape(2, 6)}));
    }
}
