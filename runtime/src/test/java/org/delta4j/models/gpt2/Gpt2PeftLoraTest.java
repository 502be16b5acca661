package org.delta4j.models.gpt2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.io.Safetensors;
import org.delta4j.models.FixtureOutputs;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.HfModels;
import org.delta4j.nn.ParameterValues;
import org.junit.jupiter.api.Test;

/**
 * Conv1D reports its sizes, so LoRA attaches to GPT-2's {@code c_attn} as to a linear layer; with
 * PEFT's values (fixture {@code peft/gpt2_lora_c_attn_r8}, {@code fan_in_fan_out}) the outputs are
 * PEFT's.
 */
class Gpt2PeftLoraTest {
    @Test
    void loraOnConv1DGivesPeftsOutputs() throws IOException {
        Path dir =
                Fixtures.model("gpt2_lm_head")
                        .resolve("../../peft/gpt2_lora_c_attn_r8")
                        .normalize();
        assumeTrue(Files.isDirectory(dir), "no PEFT fixture " + dir + "; skipping");
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = HfModels.load(Fixtures.model("gpt2_lm_head"), manager);
            Tuning tuning =
                    TuningSpec.builder()
                            .add(LoraSpec.builder().modules("c_attn").r(8).alpha(16).build())
                            .build()
                            .attach(model);
            Map<String, NDArray> peft =
                    Safetensors.read(dir.resolve("adapter/adapter_model.safetensors"), manager);
            Map<String, Parameter> lora = tuning.deltaParameters();
            assertEquals(4, lora.size(), lora.keySet().toString());
            for (int layer = 0; layer < 2; layer++) {
                String ours = "transformer.h." + layer + ".attn.c_attn.lora.";
                String theirs = "base_model.model.transformer.h." + layer + ".attn.c_attn.";
                ParameterValues.assign(
                        lora.get(ours + "lora_A"), peft.get(theirs + "lora_A.weight"));
                ParameterValues.assign(
                        lora.get(ours + "lora_B"), peft.get(theirs + "lora_B.weight"));
            }
            NDList out =
                    model.forward(
                            new ParameterStore(manager, false),
                            ModelInputs.fromJson(manager, dir.resolve("inputs.json")),
                            false);
            Map<String, NDArray> expected =
                    Safetensors.read(dir.resolve("expected_before_merge.safetensors"), manager);
            for (Map.Entry<String, NDArray> e : expected.entrySet()) {
                float diff = Fixtures.maxAbsDiff(out.get(e.getKey()), e.getValue());
                System.out.printf("gpt2_lora_c_attn_r8 %s max abs diff %.3g%n", e.getKey(), diff);
                assertTrue(diff <= FixtureOutputs.TOLERANCE, e.getKey() + " differs by " + diff);
            }
        }
    }
}
