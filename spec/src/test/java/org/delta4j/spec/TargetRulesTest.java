package org.delta4j.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TargetRulesTest {
    private final ModelStructure s = Structures.tiny();

    @Test
    void loraNamesTheLinearLayersInside() {
        TargetRules.linear(Method.LORA, "@Lora", s, s.module("encoder.layers.0.fc1"));
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () ->
                                TargetRules.linear(
                                        Method.LORA,
                                        "@Lora",
                                        s,
                                        s.module("encoder.layers.0.self_attn")));
        assertEquals(
                "[delta4j:unsupported-module] @Lora cannot modify module \"encoder.layers.0.self_attn\" of type "
                        + "BartAttention: LoRA modifies linear layers only. Name the linear layers inside it, such as "
                        + "\"self_attn.q_proj\", \"self_attn.v_proj\" or \"self_attn.out_proj\".",
                e.getMessage());
        assertEquals(
                "[delta4j:unsupported-module] @Lora cannot modify module \"dropout\" of type Dropout: LoRA "
                        + "modifies linear layers only, and it has none inside.",
                assertThrows(
                                SpecException.class,
                                () ->
                                        TargetRules.linear(
                                                Method.LORA, "@Lora", s, s.module("dropout")))
                        .getMessage());
    }

    @Test
    void adaptersNeedAnOutputSize() {
        assertEquals(8, TargetRules.hidden("@Adapter", s.module("encoder.layers.0.self_attn")));
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () -> TargetRules.hidden("@Adapter", s.module("dropout")));
        assertEquals(Problem.UNSUPPORTED_MODULE, e.problem());
    }

    @Test
    void reductionFactorMustLeaveABottleneck() {
        assertEquals(
                2, TargetRules.bottleneck("@LowRankAdapter", s.module("encoder.layers.0.fc2"), 4));
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () ->
                                TargetRules.bottleneck(
                                        "@LowRankAdapter", s.module("encoder.layers.0.fc2"), 9));
        assertEquals("reductionFactor", e.argument());
        assertEquals(
                "[delta4j:indivisible] @LowRankAdapter cannot modify module \"encoder.layers.0.fc2\": its size 8 "
                        + "divided by reductionFactor = 9 leaves no bottleneck. Use a reductionFactor of at most 8.",
                e.getMessage());
    }

    @Test
    void compacterOffersValuesThatDivide() {
        ModelStructure.Module wide =
                new ModelStructure.Module(
                        "ff",
                        "Linear",
                        List.of(),
                        OptionalLong.empty(),
                        OptionalLong.empty(),
                        Map.of("weight", new long[] {768, 3072}));
        TargetRules.hypercomplex("@Compacter", wide, 16, 4);
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () -> TargetRules.hypercomplex("@Compacter", wide, 10, 8));
        assertEquals("hypercomplexDivision", e.argument());
        assertEquals(
                "[delta4j:indivisible] @Compacter cannot modify module \"ff\": its size 768 and its bottleneck "
                        + "768 / reductionFactor 10 = 76 must both be divisible by hypercomplexDivision = 8. Use "
                        + "reductionFactor = 8 or 12, or hypercomplexDivision = 4, 2 or 1.",
                e.getMessage());
        SpecException odd =
                assertThrows(
                        SpecException.class,
                        () -> TargetRules.hypercomplex("@Compacter", wide, 16, 5));
        assertEquals(
                true,
                odd.getMessage().endsWith("Use hypercomplexDivision = 6, 4 or 3."),
                odd.getMessage());
    }

    @Test
    void prefixFindsTheAttentionBlockOrNamesThoseInside() {
        assertEquals(
                "encoder.layers.0.self_attn",
                TargetRules.attention("@Prefix", s, s.module("encoder.layers.0")).path());
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () -> TargetRules.attention("@Prefix", s, s.module("bert")));
        assertEquals(
                true,
                e.getMessage()
                        .endsWith(
                                "Name one of the attention blocks inside it, such as "
                                        + "\"bert.attention.self\"."),
                e.getMessage());
    }

    @Test
    void softPromptsNeedAnEncoder() {
        assertEquals("encoder", TargetRules.encoder("@SoftPrompt", s));
        ModelStructure bert =
                new ModelStructure(
                        "b",
                        "BertModel",
                        List.of(new ModelStructure.Module("", "BertModel", Map.of())));
        assertEquals(
                Problem.UNSUPPORTED_MODULE,
                assertThrows(SpecException.class, () -> TargetRules.encoder("@SoftPrompt", bert))
                        .problem());
    }

    @Test
    void parallelAdaptersNeedBothSizes() {
        TargetRules.inAndOut("@ParallelAdapter", s.module("encoder.layers.0.self_attn"));
        assertThrows(
                SpecException.class,
                () -> TargetRules.inAndOut("@ParallelAdapter", s.module("dropout")));
    }
}
