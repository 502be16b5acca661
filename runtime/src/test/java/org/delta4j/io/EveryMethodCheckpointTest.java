package org.delta4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.delta4j.delta.DeltaSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.delta.bitfit.BitFitSpec;
import org.delta4j.delta.compacter.CompacterSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.delta.lowrank.LowRankAdapterSpec;
import org.delta4j.delta.paralleladapter.ParallelAdapterSpec;
import org.delta4j.delta.prefix.PrefixSpec;
import org.delta4j.delta.softprompt.SoftPromptSpec;
import org.delta4j.models.Fixtures;
import org.delta4j.models.HfModels;
import org.delta4j.models.ModelInputs;
import org.delta4j.nn.ParameterValues;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every method's delta saves, rebuilds from its config on a fresh BART, and gives the same outputs. */
class EveryMethodCheckpointTest {
    @TempDir
    Path tmp;

    static Stream<DeltaSpec> specs() {
        return Stream.of(
                AdapterSpec.builder().modules("fc2").bottleneck(5).nonLinearity("relu").build(),
                LoraSpec.builder().modules("q_proj", "v_proj").r(3).alpha(6).build(),
                BitFitSpec.builder().modules("self_attn").build(),
                LowRankAdapterSpec.builder().modules("fc2").reductionFactor(8).rank(2).build(),
                CompacterSpec.builder().modules("q_proj").reductionFactor(4).build(),
                ParallelAdapterSpec.builder().modules("fc1", "fc2").bottleneck(7).build(),
                PrefixSpec.builder().modules("self_attn").prefixTokenNum(3).embedDim(16).midDim(8).build(),
                PrefixSpec.builder().modules("encoder_attn").reparameterize(false).build(),
                SoftPromptSpec.builder().softTokenNum(4).build());
    }

    @ParameterizedTest
    @MethodSource("specs")
    void roundTripsExactly(DeltaSpec spec) throws Exception {
        Path model = Fixtures.model("bart_for_conditional_generation");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList inputs = ModelInputs.fromJson(manager, model.resolve("inputs.json"));
            Block base = HfModels.load(model, manager);
            float[] plain = logits(base, inputs, manager);
            Tuning tuning = TuningSpec.builder().add(spec).build().attach(base);
            // Away from the identity-at-init values, so a lost tensor would show.
            tuning.deltaParameters().forEach((path, p) -> {
                if (p.requiresGradient()) {
                    ParameterValues.assign(p, manager.randomNormal(0, 0.1f, p.getShape(), p.getArray().getDataType()));
                }
            });
            float[] tuned = logits(base, inputs, manager);
            assertFalse(Arrays.equals(plain, tuned), spec.method() + " did not change the output");
            Path dir = tmp.resolve(spec.method());
            DeltaCheckpoint.save(tuning, dir);

            Block fresh = HfModels.load(model, manager);
            Tuning loaded = DeltaCheckpoint.load(dir, fresh);
            assertEquals(tuning.deltaParameters().keySet(), loaded.deltaParameters().keySet());
            assertArrayEquals(tuned, logits(fresh, inputs, manager));
        }
    }

    private static float[] logits(Block model, NDList inputs, NDManager manager) {
        return model.forward(new ParameterStore(manager, false), inputs, false).get("logits").toFloatArray();
    }
}
