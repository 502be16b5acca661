package org.delta4j.processor;

import static org.delta4j.processor.Compilations.spec;
import static org.delta4j.processor.ErrorAssertions.assertSingleError;

import org.delta4j.spec.Problem;
import org.junit.jupiter.api.Test;

/** Errors in one value, each on that value: ranges, choices, patterns and names. */
class ValueErrorTest {
    @Test
    void bottleneckBelowOne() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Adapter(modules = \"fc2\", bottleneck = 0)",
                        "interface Spec {}"),
                Problem.OUT_OF_RANGE,
                "bottleneck = 0 is out of range: expected an integer >= 1",
                "bottleneck = 0");
    }

    @Test
    void rankBelowOne() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Lora(modules = \"q_proj\",",
                        "      r = 0)",
                        "interface Spec {}"),
                Problem.OUT_OF_RANGE,
                "r = 0 is out of range",
                "r = 0");
    }

    @Test
    void alphaNotPositive() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Lora(modules = \"q_proj\",",
                        "      alpha = 0)",
                        "interface Spec {}"),
                Problem.OUT_OF_RANGE,
                "alpha = 0.0 is out of range: expected a finite number > 0",
                "alpha = 0");
    }

    @Test
    void dropoutOutsideZeroToOne() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Lora(modules = \"q_proj\",",
                        "      dropout = 1.0)",
                        "interface Spec {}"),
                Problem.OUT_OF_RANGE,
                "dropout = 1.0 is out of range: expected a probability in [0, 1)",
                "dropout = 1.0");
    }

    @Test
    void reductionFactorBelowOne() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Compacter(modules = \"fc2\",",
                        "           reductionFactor = 0)",
                        "interface Spec {}"),
                Problem.OUT_OF_RANGE,
                "reductionFactor = 0 is out of range: expected an integer >= 1",
                "reductionFactor = 0");
    }

    @Test
    void lowRankBelowOne() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@LowRankAdapter(modules = \"fc2\",",
                        "                rank = -2)",
                        "interface Spec {}"),
                Problem.OUT_OF_RANGE,
                "rank = -2 is out of range: expected an integer >= 1",
                "rank = -2");
    }

    @Test
    void prefixTokensBelowOne() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Prefix(modules = \"self_attn\",",
                        "        prefixTokenNum = 0)",
                        "interface Spec {}"),
                Problem.OUT_OF_RANGE,
                "prefixTokenNum = 0 is out of range: expected an integer >= 1",
                "prefixTokenNum = 0");
    }

    @Test
    void softTokensBelowOne() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@SoftPrompt(",
                        "    softTokenNum = 0)",
                        "interface Spec {}"),
                Problem.OUT_OF_RANGE,
                "softTokenNum = 0 is out of range: expected an integer >= 1",
                "softTokenNum = 0");
    }

    @Test
    void parallelAdapterScaleNotFinite() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@ParallelAdapter(modules = {\"fc1\", \"fc2\"},",
                        "                 scaled = 1.0 / 0)",
                        "interface Spec {}"),
                Problem.OUT_OF_RANGE,
                "scaled = Infinity is out of range: expected a finite number > 0",
                "scaled = 1.0 / 0");
    }

    @Test
    void unknownNonLinearity() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Adapter(modules = \"fc2\",",
                        "         nonLinearity = \"gelu2\")",
                        "interface Spec {}"),
                Problem.UNKNOWN_CHOICE,
                "nonLinearity = \"gelu2\" is not supported: expected one of [gelu_new,",
                "nonLinearity = \"gelu2\"");
    }

    @Test
    void invalidRegexPointsAtItsArrayElement() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Lora(modules = {",
                        "        \"q_proj\",",
                        "        \"[r](v_proj\"})",
                        "interface Spec {}"),
                Problem.INVALID_REGEX,
                "Module pattern \"[r](v_proj\" is not a valid regular expression",
                "\"[r](v_proj\"");
    }

    @Test
    void emptyPattern() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@BitFit(modules = {\"fc1\",",
                        "                   \" \"})",
                        "interface Spec {}"),
                Problem.EMPTY_PATTERN,
                "Module pattern \" \" is empty",
                "\" \"})");
    }

    @Test
    void freezeExcludeWithInvalidRegex() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@BitFit(modules = \"encoder\")",
                        "@Freeze(exclude = {\"deltas\",",
                        "                   \"[r]layer_norm[\"})",
                        "interface Spec {}"),
                Problem.INVALID_REGEX,
                "Module pattern \"[r]layer_norm[\" is not a valid regular expression",
                "\"[r]layer_norm[\"");
    }

    @Test
    void nameThatIsNotAnIdentifier() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Lora(modules = \"q_proj\",",
                        "      name = \"Attn-1\")",
                        "interface Spec {}"),
                Problem.INVALID_NAME,
                "name = \"Attn-1\" is not a valid name: expected a Java identifier that starts "
                        + "with a lower-case letter and is not a keyword",
                "name = \"Attn-1\"");
    }

    @Test
    void nameThatIsAKeywordInARepeatedAnnotation() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Lora(name = \"attn\", modules = \"q_proj\")",
                        "@Lora(modules = \"fc1\",",
                        "      name = \"new\")",
                        "interface Spec {}"),
                Problem.INVALID_NAME,
                "name = \"new\" is not a valid name",
                "name = \"new\"");
    }
}
