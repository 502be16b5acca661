package org.delta4j.delta;

import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.delta.bitfit.BitFitSpec;
import org.delta4j.delta.compacter.CompacterSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.delta.lowrank.LowRankAdapterSpec;
import org.delta4j.delta.paralleladapter.ParallelAdapterSpec;
import org.delta4j.delta.prefix.PrefixSpec;
import org.delta4j.delta.softprompt.SoftPromptSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every {@code "status": "ok"} OpenDelta case this runtime covers, reproduced fact by fact. */
class OpenDeltaFixtureTest {
    /** Each case with the delta4j spec that corresponds to its OpenDelta call. */
    static final Map<String, Supplier<DeltaSpec>> CASES =
            Map.ofEntries(
                    Map.entry(
                            "bart_adapter_fc2_b12",
                            () -> AdapterSpec.builder().modules("fc2").bottleneck(12).build()),
                    Map.entry(
                            "bart_low_rank_adapter_fc2",
                            () -> LowRankAdapterSpec.builder().modules("fc2").build()),
                    Map.entry(
                            "bart_compacter_fc2_rf4",
                            () ->
                                    CompacterSpec.builder()
                                            .modules("fc2")
                                            .reductionFactor(4)
                                            .build()),
                    Map.entry(
                            "bart_parallel_adapter_fc1_fc2",
                            () -> ParallelAdapterSpec.builder().modules("fc1", "fc2").build()),
                    Map.entry(
                            "bart_prefix_self_attn",
                            () -> PrefixSpec.builder().modules("self_attn").build()),
                    Map.entry(
                            "bart_soft_prompt_n10",
                            () -> SoftPromptSpec.builder().softTokenNum(10).build()),
                    Map.entry(
                            "bert_lora_query_value_r8",
                            () -> LoraSpec.builder().modules("query", "value").r(8).build()),
                    Map.entry("bert_lora_default", () -> LoraSpec.builder().build()),
                    Map.entry("bert_bitfit_default", () -> BitFitSpec.builder().build()),
                    Map.entry(
                            "t5_low_rank_adapter_default",
                            () -> LowRankAdapterSpec.builder().build()),
                    Map.entry(
                            "t5_compacter_rf4",
                            () -> CompacterSpec.builder().reductionFactor(4).build()),
                    Map.entry("t5_prefix_default", () -> PrefixSpec.builder().build()),
                    Map.entry(
                            "t5_soft_prompt_n10",
                            () -> SoftPromptSpec.builder().softTokenNum(10).build()),
                    Map.entry(
                            "t5_parallel_adapter_default",
                            () -> ParallelAdapterSpec.builder().build()));

    static Stream<String> cases() {
        return CASES.keySet().stream().sorted();
    }

    private static OpenDeltaCase open(String name) throws Exception {
        return new OpenDeltaCase(name, CASES.get(name).get());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void parameterCounts(String name) throws Exception {
        try (OpenDeltaCase c = open(name)) {
            c.assertStatistics();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void deltaParameterNamesAndShapes(String name) throws Exception {
        try (OpenDeltaCase c = open(name)) {
            c.assertDeltaParameters();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void stateDictKeys(String name) throws Exception {
        try (OpenDeltaCase c = open(name)) {
            c.assertStateDictKeys();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void structureGraph(String name) throws Exception {
        try (OpenDeltaCase c = open(name)) {
            c.assertStructureGraph();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void logRatiosAndModifiedModules(String name) throws Exception {
        try (OpenDeltaCase c = open(name)) {
            c.assertLogAndModifiedModules();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void outputsWithinTolerance(String name) throws Exception {
        try (OpenDeltaCase c = open(name)) {
            c.assertOutputs();
        }
    }
}
