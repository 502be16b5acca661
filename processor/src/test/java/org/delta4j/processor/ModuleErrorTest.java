package org.delta4j.processor;

import static org.delta4j.processor.Compilations.spec;
import static org.delta4j.processor.ErrorAssertions.assertSingleError;

import org.delta4j.spec.Problem;
import org.junit.jupiter.api.Test;

/**
 * Errors about the backbone's modules: patterns that match nothing, modules a method cannot modify,
 * sizes that do not divide, pairs that do not pair, deltas that conflict, freeze patterns that
 * match nothing.
 */
class ModuleErrorTest {
    @Test
    void patternMatchingNoModuleSuggestsTheClosestNames() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Adapter(modules = {",
                        "        \"fc2\",",
                        "        \"fc3\"})",
                        "interface Spec {}"),
                Problem.UNKNOWN_MODULE,
                "Module pattern \"fc3\" matches no module of facebook/bart-base. "
                        + "Did you mean \"fc1\", \"fc2\"",
                "\"fc3\"");
    }

    @Test
    void unifiedNameMisspeltSuggestsUnifiedNames() {
        assertSingleError(
                spec(
                        "@Backbone(\"bert-base-uncased\")",
                        "@Lora(modules = \"attn.qq\")",
                        "interface Spec {}"),
                Problem.UNKNOWN_MODULE,
                "Module pattern \"attn.qq\" matches no module of bert-base-uncased. Did you "
                        + "mean \"attn.q\"",
                "\"attn.qq\"");
    }

    @Test
    void patternMatchingOnlyExcludedModules() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Lora(modules = \"encoder.layers.0.fc1\", exclude = \"encoder\")",
                        "interface Spec {}"),
                Problem.UNKNOWN_MODULE,
                "Module pattern \"encoder.layers.0.fc1\" matches no module of "
                        + "facebook/bart-base. It matches only excluded modules (exclude = [encoder])",
                "\"encoder.layers.0.fc1\"");
    }

    @Test
    void freezeExclusionMatchingNothing() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Adapter(modules = \"fc2\")",
                        "@Freeze(exclude = {\"deltas\",",
                        "                   \"layernorm_embeding\"})",
                        "interface Spec {}"),
                Problem.UNKNOWN_MODULE,
                "Module pattern \"layernorm_embeding\" matches no module of facebook/bart-base "
                        + "or its deltas. Did you mean \"layernorm_embedding\"",
                "\"layernorm_embeding\"");
    }

    @Test
    void defaultModulesNeedUnifiedNames() {
        assertSingleError(
                spec(
                        "@Backbone(structure = \"structures/tiny.structure.json\")",
                        "@Lora",
                        "interface Spec {}"),
                Problem.NO_MODULES,
                "@Lora has default modules [attn.q, attn.v] in unified names, but test/tiny has "
                        + "no common structure, and it names no modules. Set modules",
                "@Lora");
    }

    @Test
    void loraOnAModuleThatIsNotLinear() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Lora(modules = {\"q_proj\",",
                        "                 \"encoder.layers.0.self_attn\"})",
                        "interface Spec {}"),
                Problem.UNSUPPORTED_MODULE,
                "@Lora cannot modify module \"encoder.layers.0.self_attn\" of type "
                        + "BartAttention: LoRA modifies linear layers only. Name the linear layers inside it, such as "
                        + "\"self_attn.k_proj\", \"self_attn.v_proj\" or \"self_attn.q_proj\".",
                "\"encoder.layers.0.self_attn\"");
    }

    @Test
    void prefixOnAModuleWithoutAttention() {
        assertSingleError(
                spec(
                        "@Backbone(\"bert-base-uncased\")",
                        "@Prefix(modules = \"[r]encoder\\\\.layer\\\\.\\\\d+\")",
                        "interface Spec {}"),
                Problem.UNSUPPORTED_MODULE,
                "@Prefix cannot modify module \"encoder.layer.0\" of type BertLayer: "
                        + "prefix tuning modifies attention blocks (such as BartAttention or BertSelfAttention), or a "
                        + "module with one attention block among its children. Name one of the attention blocks "
                        + "inside it, such as \"attention.self\".",
                "@Prefix");
    }

    @Test
    void softPromptOnAModelThatDoesNotEmbedItsTokens() {
        assertSingleError(
                spec(
                        "@Backbone(structure = \"structures/tiny.structure.json\")",
                        "@SoftPrompt(softTokenNum = 20)",
                        "interface Spec {}"),
                Problem.UNSUPPORTED_MODULE,
                "@SoftPrompt cannot modify module \"\" of type TinyModel: soft prompts "
                        + "need a model that embeds its own tokens",
                "@SoftPrompt");
    }

    @Test
    void adapterOnAModuleOfUnknownSize() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Adapter(modules = \"activation_fn\")",
                        "interface Spec {}"),
                Problem.UNSUPPORTED_MODULE,
                "@Adapter cannot modify module \"encoder.layers.0.activation_fn\" of type "
                        + "GELUActivation: its output size is unknown.",
                "\"activation_fn\"");
    }

    @Test
    void bitFitOnAModuleWithoutBiases() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@BitFit(modules = {\"fc1\",",
                        "                   \"activation_fn\"})",
                        "interface Spec {}"),
                Problem.UNSUPPORTED_MODULE,
                "@BitFit cannot modify module \"encoder.layers.0.activation_fn\" of type "
                        + "GELUActivation: no module under it has a bias, and none can be given one.",
                "\"activation_fn\"");
    }

    @Test
    void parallelAdapterOnAModuleOfUnknownSizes() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@ParallelAdapter(modules = {\"encoder.layers.0\",",
                        "                            \"encoder.layers.0\"})",
                        "interface Spec {}"),
                Problem.UNSUPPORTED_MODULE,
                "@ParallelAdapter cannot modify module \"encoder.layers.0\" of type "
                        + "BartEncoderLayer: its input or output size is unknown.",
                "@ParallelAdapter");
    }

    @Test
    void compacterSizesThatDoNotDivide() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Compacter(modules = \"fc2\", reductionFactor = 10,",
                        "           hypercomplexDivision = 8)",
                        "interface Spec {}"),
                Problem.INDIVISIBLE,
                "@Compacter cannot modify module \"encoder.layers.0.fc2\": its size 768 and its "
                        + "bottleneck 768 / reductionFactor 10 = 76 must both be divisible by "
                        + "hypercomplexDivision = 8. Use reductionFactor = 8 or 12, or hypercomplexDivision = 4, 2 "
                        + "or 1.",
                "hypercomplexDivision = 8");
    }

    @Test
    void reductionFactorThatLeavesNoBottleneck() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@LowRankAdapter(modules = \"self_attn_layer_norm\",",
                        "                reductionFactor = 1000)",
                        "interface Spec {}"),
                Problem.INDIVISIBLE,
                "@LowRankAdapter cannot modify module \"encoder.layers.0.self_attn_layer_norm\": "
                        + "its size 768 divided by reductionFactor = 1000 leaves no bottleneck. Use a reductionFactor "
                        + "of at most 768.",
                "reductionFactor = 1000");
    }

    @Test
    void parallelAdapterPairsWithUnequalCounts() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@ParallelAdapter(modules = {\"encoder.layers.0.fc1\",",
                        "                            \"fc2\"})",
                        "interface Spec {}"),
                Problem.UNPAIRED,
                "@ParallelAdapter pairs \"encoder.layers.0.fc1\" with \"fc2\", but 1 modules match "
                        + "the first and 12 the second",
                "\"fc2\"})");
    }

    @Test
    void parallelAdapterPairThatRunsBackwards() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@ParallelAdapter(modules = {\"fc2\",",
                        "                            \"fc1\"})",
                        "interface Spec {}"),
                Problem.UNPAIRED,
                "@ParallelAdapter pairs \"encoder.layers.0.fc2\" with \"encoder.layers.0.fc1\", "
                        + "which comes before it",
                "\"fc1\"})");
    }

    @Test
    void twoLorasOnOneModuleConflict() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Lora(name = \"all\", modules = \"[r].*_proj\")",
                        "@Lora(name = \"last\", r = 16,",
                        "      modules = \"decoder.layers.5.self_attn.q_proj\")",
                        "interface Spec {}"),
                Problem.CONFLICT,
                "@Lora(name = \"last\") and @Lora(name = \"all\") both modify module "
                        + "\"decoder.layers.5.self_attn.q_proj\": two updates of one method on one module stack into "
                        + "one. Remove the overlap, such as with exclude = \"decoder.layers.5.self_attn.q_proj\".",
                "modules = \"decoder.layers.5.self_attn.q_proj\"");
    }

    @Test
    void twoPrefixesOnOneAttentionBlockConflict() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Prefix(name = \"attn\", modules = \"self_attn\")",
                        "@Prefix(name = \"layers\",",
                        "        modules = \"encoder.layers.0\")",
                        "interface Spec {}"),
                Problem.CONFLICT,
                "@Prefix(name = \"layers\") and @Prefix(name = \"attn\") both modify module "
                        + "\"encoder.layers.0.self_attn\"",
                "modules = \"encoder.layers.0\"");
    }

    @Test
    void onePrefixReachingAnAttentionBlockTwiceConflicts() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Prefix(modules = {\"encoder.layers.0\",",
                        "                   \"encoder.layers.0.self_attn\"})",
                        "interface Spec {}"),
                Problem.CONFLICT,
                "@Prefix pattern \"encoder.layers.0.self_attn\" and @Prefix pattern "
                        + "\"encoder.layers.0\" both modify module \"encoder.layers.0.self_attn\": two updates of "
                        + "one method on one module stack into one. Remove the overlap, such as with exclude = "
                        + "\"encoder.layers.0.self_attn\".",
                "\"encoder.layers.0.self_attn\"})");
    }

    /**
     * A pattern that backtracks exponentially is stopped by its budget and reported on the pattern.
     */
    @Test
    void patternThatBacktracksPastItsBudget() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Lora(modules = {\"q_proj\",",
                        "                 \"[r](\\\\w+\\\\.?){1,40}X\"})",
                        "interface Spec {}"),
                Problem.SLOW_REGEX,
                "Module pattern \"[r](\\w+\\.?){1,40}X\" was stopped after 1000000 steps on "
                        + "module path \"",
                "{1,40}X\"})");
    }

    /**
     * The same for a freeze's exclusion, which is matched against the backbone's names separately.
     */
    @Test
    void freezeExclusionThatBacktracksPastItsBudget() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Adapter(modules = \"fc2\")",
                        "@Freeze(exclude = {\"deltas\",",
                        "                   \"[r](?:\\\\w+\\\\.?)*?X\"})",
                        "interface Spec {}"),
                Problem.SLOW_REGEX,
                "Module pattern \"[r](?:\\w+\\.?)*?X\" was stopped after 1000000 steps",
                "*?X\"})");
    }
}
