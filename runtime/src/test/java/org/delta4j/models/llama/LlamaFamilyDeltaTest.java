package org.delta4j.models.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
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
import org.delta4j.models.hf.HfModels;
import org.delta4j.testing.CheckpointRoundTrip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every delta method on a Llama-family model: default targets through the common structure (PEFT's
 * {@code q_proj}, {@code v_proj} for LoRA; {@code o_proj} and {@code down_proj} for adapters; new
 * biases for BitFit; a prefix of {@code num_key_value_heads} heads), and every method changes the
 * outputs and round-trips through a delta4j checkpoint.
 */
class LlamaFamilyDeltaTest {
    private static final String FIXTURE = "qwen2_for_causal_lm";

    @TempDir Path tmp;

    static Stream<DeltaSpec> specs() {
        return Stream.of(
                AdapterSpec.builder().build(),
                LoraSpec.builder()
                        .modules(
                                "q_proj",
                                "k_proj",
                                "v_proj",
                                "o_proj",
                                "gate_proj",
                                "up_proj",
                                "down_proj")
                        .r(2)
                        .build(),
                BitFitSpec.builder().build(),
                LowRankAdapterSpec.builder().reductionFactor(8).rank(2).build(),
                CompacterSpec.builder().reductionFactor(4).build(),
                ParallelAdapterSpec.builder().bottleneck(4).build(),
                PrefixSpec.builder().prefixTokenNum(3).embedDim(16).midDim(8).build(),
                PrefixSpec.builder().reparameterize(false).build(),
                SoftPromptSpec.builder().softTokenNum(4).build());
    }

    @ParameterizedTest
    @MethodSource("specs")
    void changesTheOutputsAndRoundTrips(DeltaSpec spec) throws Exception {
        CheckpointRoundTrip.assertChangesTheLogitsAndRoundTrips(Fixtures.model(FIXTURE), spec, tmp);
    }

    @Test
    void defaultTargetsArePeftsAndOpenDeltasThroughTheCommonStructure() throws IOException {
        assertEquals(
                Set.of("q_proj", "v_proj"), targetedModules(LoraSpec.builder().build(), "lora"));
        assertEquals(
                Set.of("o_proj", "down_proj"),
                targetedModules(AdapterSpec.builder().build(), "adapter"));
        // Qwen2's q/k/v biases are adopted; every other linear layer gets a new one, and each
        // RMSNorm a bias layer after it.
        assertEquals(
                Set.of(
                        "bitfit.bias",
                        "q_proj.bias",
                        "k_proj.bias",
                        "v_proj.bias",
                        "o_proj.bias",
                        "gate_proj.bias",
                        "up_proj.bias",
                        "down_proj.bias"),
                leafParameters(BitFitSpec.builder().build(), "bias"));
    }

    @Test
    void aPrefixHasTheKeyValueHeads() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block base = HfModels.load(Fixtures.model(FIXTURE), manager);
            Tuning tuning =
                    TuningSpec.builder()
                            .add(
                                    PrefixSpec.builder()
                                            .reparameterize(false)
                                            .prefixTokenNum(5)
                                            .build())
                            .build()
                            .attach(base);
            // 2 key-value heads of head_dim 8, not the 4 query heads.
            tuning.deltaParameters()
                    .values()
                    .forEach(p -> assertEquals(16, p.getShape().get(p.getShape().dimension() - 1)));
        }
    }

    /** The module names (last path part) holding the delta's parameters whose path has a word. */
    private Set<String> targetedModules(DeltaSpec spec, String word) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String path : deltaPaths(spec)) {
            String[] parts = path.split("\\.");
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].contains(word)) {
                    out.add(parts[i - 1]);
                    break;
                }
            }
        }
        return out;
    }

    /** The last two path parts of the delta's parameters that end with a name. */
    private Set<String> leafParameters(DeltaSpec spec, String name) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String path : deltaPaths(spec)) {
            String[] parts = path.split("\\.");
            if (parts[parts.length - 1].equals(name)) {
                out.add(parts[parts.length - 2] + "." + name);
            }
        }
        return out;
    }

    private Set<String> deltaPaths(DeltaSpec spec) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block base = HfModels.load(Fixtures.model(FIXTURE), manager);
            return new TreeSet<>(
                    TuningSpec.builder().add(spec).build().attach(base).deltaParameters().keySet());
        }
    }
}
