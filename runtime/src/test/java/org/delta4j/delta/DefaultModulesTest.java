package org.delta4j.delta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.delta4j.delta.compacter.CompacterSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.delta.lowrank.LowRankAdapterSpec;
import org.delta4j.delta.paralleladapter.ParallelAdapterSpec;
import org.delta4j.delta.prefix.PrefixSpec;
import org.delta4j.delta.softprompt.SoftPromptSpec;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.HfModels;
import org.delta4j.spec.Problem;
import org.delta4j.spec.SpecException;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.Test;

/**
 * Default modification (no modules given) where OpenDelta had no default for the architecture or
 * failed: its {@code bart_*_default} and {@code t5_*_default} failed cases, and LoRA on GPT-2,
 * whose default matches nothing in OpenDelta.
 */
class DefaultModulesTest {
    private static Tuning attach(Block model, DeltaSpec spec) {
        return TuningSpec.builder().add(spec).build().attach(model);
    }

    @Test
    void bartDefaultsUseBartsCommonStructure() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block bart = HfModels.load(Fixtures.model("bart_for_conditional_generation"), m);
            Tuning lowRank = attach(bart, LowRankAdapterSpec.builder().build());
            assertEquals(
                    List.of(
                            "model.encoder.layers.0.self_attn.out_proj",
                            "model.encoder.layers.0.fc2",
                            "model.encoder.layers.1.self_attn.out_proj",
                            "model.encoder.layers.1.fc2",
                            "model.decoder.layers.0.self_attn.out_proj",
                            "model.decoder.layers.0.fc2",
                            "model.decoder.layers.1.self_attn.out_proj",
                            "model.decoder.layers.1.fc2"),
                    lowRank.deltas().get(0).modifiedModules());
            Tuning prefix = attach(bart, PrefixSpec.builder().build());
            assertEquals(
                    List.of(
                            "model.encoder.layers.0.self_attn",
                            "model.encoder.layers.1.self_attn",
                            "model.decoder.layers.0.self_attn",
                            "model.decoder.layers.1.self_attn"),
                    prefix.deltas().get(0).modifiedModules());
            Tuning parallel = attach(bart, ParallelAdapterSpec.builder().build());
            // Around each of the four self_attn blocks, and from fc1's input to fc2's output in
            // each layer.
            assertEquals(12, parallel.deltas().get(0).modifiedModules().size());
            NDList inputs =
                    ModelInputs.fromJson(
                            m,
                            Fixtures.model("bart_for_conditional_generation")
                                    .resolve("inputs.json"));
            assertEquals(3, bart.forward(new ParameterStore(m, false), inputs, false).size());
        }
    }

    @Test
    void compacterDefaultsOnTinyModelsNameTheSizesThatDoNotDivide() throws Exception {
        for (String model :
                List.of("bart_for_conditional_generation", "t5_for_conditional_generation")) {
            try (NDManager m = NDManager.newBaseManager()) {
                Block b = HfModels.load(Fixtures.model(model), m);
                List<String> before = ModuleTree.of(b).paths();
                SpecException e =
                        assertThrows(
                                SpecException.class,
                                () -> attach(b, CompacterSpec.builder().build()));
                assertEquals(Problem.INDIVISIBLE, e.problem());
                assertTrue(e.getMessage().contains("32 / reductionFactor 16 = 2"), e.getMessage());
                assertEquals(before, ModuleTree.of(b).paths());
            }
        }
    }

    @Test
    void t5SoftPromptLongerThanTheVocabularyStartsUniform() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block t5 = HfModels.load(Fixtures.model("t5_for_conditional_generation"), m);
            Tuning t = attach(t5, SoftPromptSpec.builder().build());
            float max =
                    t.deltaParameters()
                            .get("encoder.soft_prompt_layer.soft_embeds")
                            .getArray()
                            .abs()
                            .max()
                            .getFloat();
            assertTrue(max <= 0.5f, "uniform within 0.5, got " + max);
            NDList inputs =
                    ModelInputs.fromJson(
                            m,
                            Fixtures.model("t5_for_conditional_generation").resolve("inputs.json"));
            assertEquals(
                    110,
                    t5.forward(new ParameterStore(m, false), inputs, false)
                            .get("encoder_last_hidden_state")
                            .getShape()
                            .get(1));
        }
    }

    @Test
    void gpt2LoraDefaultModifiesTheFusedAttentionProjection() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block gpt2 = HfModels.load(Fixtures.model("gpt2_lm_head"), m);
            NDList inputs =
                    ModelInputs.fromJson(m, Fixtures.model("gpt2_lm_head").resolve("inputs.json"));
            float[] base =
                    gpt2.forward(new ParameterStore(m, false), inputs, false)
                            .get("logits")
                            .toFloatArray();
            Tuning t = attach(gpt2, LoraSpec.builder().build());
            assertEquals(
                    List.of("transformer.h.0.attn.c_attn", "transformer.h.1.attn.c_attn"),
                    t.deltas().get(0).modifiedModules());
            assertEquals(
                    new ai.djl.ndarray.types.Shape(96, 8),
                    t.deltaParameters().get("transformer.h.0.attn.c_attn.lora.lora_B").getShape());
            assertArrayEquals(
                    base,
                    gpt2.forward(new ParameterStore(m, false), inputs, false)
                            .get("logits")
                            .toFloatArray());
        }
    }
}
