package org.delta4j.models.gpt2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.delta4j.backbone.HasInputEmbeddings;
import org.delta4j.delta.host.DeltaHost;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelChecks;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.StructureAssertions;
import org.delta4j.models.hf.HfModels;
import org.delta4j.nn.Embedding;
import org.delta4j.tree.ModuleTree;
import org.delta4j.tree.Surgery;
import org.junit.jupiter.api.Test;

/** GPT-2's behaviour beyond the fixtures: initialisation, inputs, dropout, gradients, tying. */
class Gpt2ModelTest {
    private static final long[][] IDS = {{5, 31, 12, 45, 7, 2}, {9, 8, 9, 2, 1, 1}};
    private static final long[][] MASK = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}};

    private static NDList idsAndMask(NDManager manager) {
        return ModelInputs.of(manager, Map.of("input_ids", IDS, "attention_mask", MASK));
    }

    private static NDArray hidden(Block model, NDManager manager, NDList in, boolean training) {
        return model.forward(new ParameterStore(manager, false), in, training)
                .get("last_hidden_state");
    }

    private static float std(NDArray a) {
        return (float) Math.sqrt(a.square().mean().getFloat());
    }

    @Test
    void randomModelIsInitialisedAsHf() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.random(TinyGpt2.config("GPT2LMHeadModel", ""), manager, 7);
            ModuleTree tree = ModuleTree.of(model);
            Map<String, Parameter> params = tree.parameters();
            float cAttn = std(params.get("transformer.h.0.attn.c_attn.weight").getArray());
            float cProj = std(params.get("transformer.h.1.mlp.c_proj.weight").getArray());
            assertTrue(Math.abs(cAttn - 0.02f) < 0.003f, "c_attn std " + cAttn);
            // HF scales the residual projections by 1 / sqrt(2 * n_layer).
            assertTrue(Math.abs(cProj - 0.01f) < 0.0015f, "c_proj std " + cProj);
            assertEquals(
                    0f,
                    params.get("transformer.h.0.mlp.c_fc.bias").getArray().abs().sum().getFloat());
            assertEquals(32f, params.get("transformer.ln_f.weight").getArray().sum().getFloat());
            NDArray causal = tree.buffers().get("transformer.h.1.attn.bias").getArray();
            assertEquals(DataType.UINT8, causal.getDataType());
            assertEquals(new Shape(1, 1, 64, 64), causal.getShape());
            assertEquals(64 * 65 / 2, causal.toType(DataType.INT64, false).sum().getLong());
            assertEquals(1, causal.get("0, 0, 5, 5").toType(DataType.INT64, false).getLong());
            assertEquals(0, causal.get("0, 0, 5, 6").toType(DataType.INT64, false).getLong());
            assertEquals(
                    -1e4f,
                    tree.buffers().get("transformer.h.0.attn.masked_bias").getArray().getFloat());
            Block again = HfModels.random(TinyGpt2.config("GPT2LMHeadModel", ""), manager, 7);
            assertEquals(
                    params.get("transformer.wpe.weight").getArray(),
                    ModuleTree.of(again).parameters().get("transformer.wpe.weight").getArray());
        }
    }

    @Test
    void trainingForwardDropsOutAndEvalIsDeterministic() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.random(TinyGpt2.config("GPT2Model", ""), manager, 1);
            ModelChecks.assertDropoutOnlyWhileTraining(model, manager, idsAndMask(manager));
        }
    }

    @Test
    void inputsEmbedsReplaceTheTokenLookup() {
        try (NDManager manager = NDManager.newBaseManager()) {
            GPT2LMHeadModel model =
                    (GPT2LMHeadModel)
                            HfModels.random(TinyGpt2.config("GPT2LMHeadModel", ""), manager, 2);
            NDList in = idsAndMask(manager);
            NDArray embeds = ModelChecks.inputsEmbeds(model, manager, in.get("input_ids"));
            NDList byEmbeds = new NDList(embeds, in.get("attention_mask"));
            NDList ps = model.forward(new ParameterStore(manager, false), in, false);
            NDList pe = model.forward(new ParameterStore(manager, false), byEmbeds, false);
            assertEquals(ps.get("logits"), pe.get("logits"));
            assertArrayEquals(
                    new Shape[] {new Shape(2, 6, 99), new Shape(2, 6, 32)},
                    model.getOutputShapes(new Shape[] {new Shape(2, 6, 32)}));
            NDList both = new NDList(in.get("input_ids"), in.get("attention_mask"), embeds);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> model.forward(new ParameterStore(manager, false), both, false));
            assertTrue(
                    e.getMessage().contains("exactly one of input_ids and inputs_embeds"),
                    e.getMessage());
        }
    }

    @Test
    void missingMaskMeansAllOnesAndPaddingMatters() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.random(TinyGpt2.config("GPT2Model", ""), manager, 3);
            NDList in = idsAndMask(manager);
            NDArray ones = in.get("attention_mask").onesLike();
            ones.setName("attention_mask");
            NDArray explicit = hidden(model, manager, new NDList(in.get("input_ids"), ones), false);
            assertEquals(explicit, hidden(model, manager, new NDList(in.get("input_ids")), false));
            NDArray padded = hidden(model, manager, in, false);
            // Causal: padding at the end changes nothing before it, and only the padded row.
            assertEquals(explicit.get("0"), padded.get("0"));
            assertEquals(explicit.get("1, :4"), padded.get("1, :4"));
        }
    }

    @Test
    void sequencesLongerThanThePositionTableAreRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.random(TinyGpt2.config("GPT2Model", ""), manager, 3);
            NDArray ids = manager.zeros(new Shape(1, 65), DataType.INT64);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> hidden(model, manager, new NDList(ids), false));
            assertTrue(e.getMessage().contains("n_positions = 64"), e.getMessage());
        }
    }

    @Test
    void gradientsReachTiedWeightsButNotBuffers() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.random(TinyGpt2.config("GPT2LMHeadModel", ""), manager, 4);
            ModelChecks.backward(model, manager, idsAndMask(manager), "logits");
            ModelChecks.assertGradients(
                    model,
                    List.of(
                            "lm_head.weight",
                            "transformer.wpe.weight",
                            "transformer.h.0.attn.c_attn.weight",
                            "transformer.h.1.mlp.c_proj.bias"));
            Map<String, Parameter> params = ModuleTree.of(model).parameters();
            assertSame(params.get("lm_head.weight"), params.get("transformer.wte.weight"));
            assertFalse(
                    ModuleTree.of(model)
                            .buffers()
                            .get("transformer.h.0.attn.bias")
                            .requiresGradient());
        }
    }

    @Test
    void untiedHeadHasItsOwnWeight() {
        Block tied = HfModels.build(TinyGpt2.config("GPT2LMHeadModel", ""));
        Block untied =
                HfModels.build(
                        TinyGpt2.config("GPT2LMHeadModel", ", \"tie_word_embeddings\": false"));
        Map<String, Parameter> params = ModuleTree.of(untied).parameters();
        assertNotSame(params.get("lm_head.weight"), params.get("transformer.wte.weight"));
        assertEquals(
                StructureAssertions.parameterCount(ModuleTree.of(tied)) + 99 * 32,
                StructureAssertions.parameterCount(ModuleTree.of(untied)));
    }

    @Test
    void inputEmbeddingsSeesThroughDeltaHosts() {
        GPT2LMHeadModel model =
                (GPT2LMHeadModel) HfModels.build(TinyGpt2.config("GPT2LMHeadModel", ""));
        Embedding wte = model.inputEmbeddings();
        assertSame(ModuleTree.of(model).module("transformer.wte").block(), wte);
        Surgery.replace(model, "transformer.wte", new DeltaHost(wte));
        Surgery.replace(
                model,
                "transformer",
                new DeltaHost(ModuleTree.of(model).module("transformer").block()));
        assertSame(wte, model.inputEmbeddings());
        assertTrue(model instanceof HasInputEmbeddings);
    }

    @Test
    void scalingOptionsFollowTheConfig() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList in = idsAndMask(manager);
            NDArray base =
                    hidden(
                            HfModels.random(TinyGpt2.config("GPT2Model", ""), manager, 5),
                            manager,
                            in,
                            false);
            NDArray folded =
                    hidden(
                            HfModels.random(
                                    TinyGpt2.config(
                                            "GPT2Model", ", \"reorder_and_upcast_attn\": true"),
                                    manager,
                                    5),
                            manager,
                            in,
                            false);
            NDArray byLayer =
                    hidden(
                            HfModels.random(
                                    TinyGpt2.config(
                                            "GPT2Model",
                                            ", \"scale_attn_by_inverse_layer_idx\": true"),
                                    manager,
                                    5),
                            manager,
                            in,
                            false);
            // Folding the scale into one factor only changes rounding in float32.
            assertTrue(Fixtures.maxAbsDiff(base, folded) < 1e-5f);
            assertTrue(Fixtures.maxAbsDiff(base, byLayer) > 1e-4f);
        }
    }
}
