package org.delta4j.delta;

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
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.delta4j.backbone.HasInputEmbeddings;
import org.delta4j.delta.compacter.CompacterSpec;
import org.delta4j.delta.paralleladapter.ParallelAdapterSpec;
import org.delta4j.delta.softprompt.SoftPromptSpec;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.HfModels;
import org.delta4j.nn.ParameterValues;
import org.delta4j.spec.Problem;
import org.delta4j.spec.SpecException;
import org.delta4j.testing.Arrays2;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenDelta cases that failed in OpenDelta ({@code "status": "failed"}), and what delta4j does
 * instead.
 */
class OpenDeltaFailedCasesTest {
    private NDManager manager;
    private Block bart;
    private NDList inputs;

    @BeforeEach
    void load() throws Exception {
        manager = NDManager.newBaseManager();
        bart = HfModels.load(Fixtures.model("bart_for_conditional_generation"), manager);
        inputs =
                ModelInputs.fromJson(
                        manager,
                        Fixtures.model("bart_for_conditional_generation").resolve("inputs.json"));
    }

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
    }

    private NDList forward() {
        return bart.forward(new ParameterStore(manager, false), inputs, false);
    }

    /** bart_soft_prompt_default: 100 soft tokens, vocabulary 99 (OpenDelta: IndexError). */
    @Test
    void softPromptLongerThanTheVocabularyStartsUniform() {
        Tuning t = TuningSpec.builder().add(SoftPromptSpec.builder().build()).build().attach(bart);
        NDArray soft =
                t.deltaParameters().get("model.encoder.soft_prompt_layer.soft_embeds").getArray();
        assertEquals(new Shape(100, 32), soft.getShape());
        assertTrue(soft.abs().max().getFloat() <= 0.5f);
        // 100 prompt tokens and 10 input tokens are more positions than this tiny BART has: a clear
        // error.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, this::forward);
        assertTrue(e.getMessage().contains("110 positions"), e.getMessage());
        assertTrue(e.getMessage().contains("max_position_embeddings = 64"), e.getMessage());
    }

    @Test
    void trainingTheSoftPromptLeavesTheEmbeddingsAlone() {
        Parameter table = ((HasInputEmbeddings) bart).inputEmbeddings().weight();
        float[] before = table.getArray().toFloatArray();
        Tuning t =
                TuningSpec.builder()
                        .add(SoftPromptSpec.builder().softTokenNum(10).build())
                        .build()
                        .attach(bart);
        Parameter soft = t.deltaParameters().get("model.encoder.soft_prompt_layer.soft_embeds");
        ParameterValues.assign(soft, manager.zeros(soft.getShape()));
        assertArrayEquals(before, table.getArray().toFloatArray());
        assertArrayEquals(
                inputs.get("attention_mask").getShape().getShape(),
                new long[] {2, 10},
                "caller's mask");
    }

    /**
     * bart_compacter_fc2: bottleneck 32/16 = 2 is not divisible by 4 (OpenDelta: AssertionError).
     */
    @Test
    void compacterWithSizesThatDoNotDivideNamesTheSizes() {
        List<String> paths = ModuleTree.of(bart).paths();
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () ->
                                TuningSpec.builder()
                                        .add(CompacterSpec.builder().modules("fc2").build())
                                        .build()
                                        .attach(bart));
        assertEquals(Problem.INDIVISIBLE, e.problem());
        assertTrue(
                e.getMessage().contains("its bottleneck 32 / reductionFactor 16 = 2"),
                e.getMessage());
        assertTrue(e.getMessage().contains("hypercomplexDivision = 4"), e.getMessage());
        assertEquals(paths, ModuleTree.of(bart).paths());
    }

    /**
     * bart_parallel_adapter_fc2: one pattern (OpenDelta: IndexError); it spans each fc2 on its own.
     */
    @Test
    void parallelAdapterWithOnePatternSpansThatModule() {
        float[] base = forward().get("logits").toFloatArray();
        Tuning t =
                TuningSpec.builder()
                        .add(ParallelAdapterSpec.builder().modules("fc2").build())
                        .build()
                        .attach(bart);
        assertEquals(4 * (37 * 24 + 24 + 24 * 32 + 32), t.statistics().delta());
        assertTrue(ModuleTree.of(bart).contains("model.encoder.layers.0.fc2.parallel_adapter_1"));
        assertFalse(java.util.Arrays.equals(base, forward().get("logits").toFloatArray()));
    }

    /**
     * bart_parallel_adapter_explicit: around self_attn, and fc1 to fc2 (OpenDelta: IndexError on
     * kwargs).
     */
    @Test
    void parallelAdapterAroundAttentionAndAcrossTheFeedForward() {
        Map<String, float[]> before = Arrays2.snapshot(ModuleTree.of(bart).parameters());
        Tuning t =
                TuningSpec.builder()
                        .add(
                                ParallelAdapterSpec.builder()
                                        .modules("self_attn", "self_attn", "fc1", "fc2")
                                        .build())
                        .build()
                        .attach(bart);
        assertEquals(8 * (32 * 24 + 24 + 24 * 32 + 32), t.statistics().delta());
        assertEquals(new Shape(2, 6, 99), forward().get("logits").getShape());
        t.detach();
        assertEquals(before.keySet(), ModuleTree.of(bart).parameters().keySet());
    }
}
