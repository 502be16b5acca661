package org.delta4j.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenDelta's addressing rules, as match and no-match tables. */
class ModulePatternTest {
    private static final String K = "roberta.encoder.layer.10.attention.output.dense";

    @ParameterizedTest(name = "{0} matches={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "dense|true",
                "output.dense|true",
                "attention.output.dense|true",
                "layer.10.attention.output.dense|true",
                "roberta.encoder.layer.10.attention.output.dense|true",
                "put.dense|false",
                "0.attention.output.dense|false",
                "ense|false",
                "[r]output\\.dense|true",
                "[r]1[0-1]\\.attention\\.output\\.dense|true",
                "[r].*dense|true",
                "[r]dense$|true",
                "[r][0-5]\\.attention\\.output\\.dense|false",
                "[r](\\d)+\\.output.dense|false",
                "[r]attention|false",
                "[r]ense|false",
            })
    void matchesLikeOpenDelta(String pattern, boolean expected) {
        assertEquals(expected, ModulePattern.parse(pattern).matches(K));
    }

    @ParameterizedTest(name = "{0} on {1} matches={2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "fc2|model.encoder.layers.0.fc2|true",
                "layers.0.fc2|model.encoder.layers.0.fc2|true",
                "c2|model.encoder.layers.0.fc2|false",
                "fc2|model.encoder.layers.0.fc2.adapter|false",
                "[r](\\d)+\\.output.dense|roberta.encoder.layer.0.output.dense|true",
                "[r]decoder.*[01].*fc2|model.decoder.layers.1.fc2|true",
                "[r]decoder.*fc2|model.encoder.layers.1.fc2|false",
            })
    void matchesOnOtherPaths(String pattern, String path, boolean expected) {
        assertEquals(expected, ModulePattern.parse(pattern).matches(path));
    }

    @ParameterizedTest
    @CsvSource({"[r](fc2", "[r]*x", "[r]"})
    void brokenRegexIsTaggedError(String pattern) {
        SpecException e = assertThrows(SpecException.class, () -> ModulePattern.parse(pattern));
        assertTrue(e.getMessage().contains(pattern), e.getMessage());
        assertTrue(e.getMessage().startsWith("[delta4j:"), e.getMessage());
    }

    /**
     * Patterns that backtrack exponentially (over a minute each on a 36-character path without a
     * budget) stop after {@link RegexBudget#MAX_STEPS} character reads with an error naming the
     * pattern and the path.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"[r](?:\\w+\\.?)*?X", "[r](\\w+\\.?){1,40}X"})
    void catastrophicBacktrackingStopsWithinItsBudget(String pattern) {
        String path = "model.encoder.layers.10.self_attn.q_proj";
        ModulePattern p = ModulePattern.parse(pattern);
        // Unbudgeted, these patterns backtrack for hours on this path; the bound only catches a
        // hang
        // and leaves room for a loaded machine (1 s failed under parallel builds).
        SpecException e =
                assertTimeout(
                        Duration.ofSeconds(30),
                        () -> assertThrows(SpecException.class, () -> p.matches(path)));
        assertEquals(Problem.SLOW_REGEX, e.problem());
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "[delta4j:slow-regex] Module pattern \""
                                        + pattern
                                        + "\" was stopped "
                                        + "after 1000000 steps on module path \""
                                        + path
                                        + "\""),
                e.getMessage());
        assertTrue(e.getMessage().contains("Write a simpler pattern"), e.getMessage());
    }

    @Test
    void theBudgetLeavesRoomForOrdinaryPatternsOnLongPaths() {
        String path = "model.decoder.layers.11.encoder_attn.out_proj.".repeat(4) + "lora.lora_A";
        assertTrue(
                ModulePattern.parse("[r].*(layers|block)\\.[0-9]+\\..*(q|k|v|out)_proj\\..*lora_A")
                        .matches(path));
        assertTrue(ModulePattern.parse("[r](?:[a-z_]+\\.|[0-9]+\\.)*lora_A").matches(path));
    }
}
