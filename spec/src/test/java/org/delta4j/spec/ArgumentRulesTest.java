package org.delta4j.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentRulesTest {
    @Test
    void rangesAcceptTheirBoundsAndRejectOutside() {
        assertEquals(1, ArgumentRules.atLeastOne("r", 1));
        assertEquals(0.0, ArgumentRules.dropout("dropout", 0.0));
        SpecException e =
                assertThrows(SpecException.class, () -> ArgumentRules.atLeastOne("bottleneck", 0));
        assertEquals(
                "[delta4j:out-of-range] bottleneck = 0 is out of range: expected an integer >= 1.",
                e.getMessage());
        assertThrows(SpecException.class, () -> ArgumentRules.dropout("dropout", 1.0));
        assertThrows(SpecException.class, () -> ArgumentRules.positive("alpha", Double.NaN));
        assertThrows(
                SpecException.class,
                () -> ArgumentRules.oneOf("nonLinearity", "gelu2", List.of("gelu")));
    }

    @Test
    void freezeExcludeAcceptsTheKeywordAndValidPatterns() {
        assertEquals("deltas", ArgumentRules.freezeExclude(ArgumentRules.FREEZE_DELTAS));
        assertEquals("[r]layers\\.0", ArgumentRules.freezeExclude("[r]layers\\.0"));
        assertEquals(
                Problem.INVALID_REGEX,
                assertThrows(SpecException.class, () -> ArgumentRules.freezeExclude("[r]("))
                        .problem());
        assertEquals(
                Problem.EMPTY_PATTERN,
                assertThrows(SpecException.class, () -> ArgumentRules.freezeExclude(" "))
                        .problem());
    }

    @Test
    void deltaNamesAreLowerCamelIdentifiersThatAreNotKeywords() {
        assertEquals("attn", ArgumentRules.deltaName("attn"));
        assertEquals("ffn_2", ArgumentRules.deltaName("ffn_2"));
        for (String bad : new String[] {"", "Attn", "2x", "a-b", "new", "true"}) {
            assertEquals(
                    Problem.INVALID_NAME,
                    assertThrows(SpecException.class, () -> ArgumentRules.deltaName(bad)).problem(),
                    bad);
        }
    }

    @Test
    void structureRoundTripsThroughJson() {
        ModelStructure s =
                new ModelStructure(
                        "tiny",
                        "BartModel",
                        List.of(
                                new ModelStructure.Module("", "BartModel", Map.of()),
                                new ModelStructure.Module(
                                        "fc2", "Linear", Map.of("weight", new long[] {4, 3}))));
        ModelStructure back = ModelStructure.fromJson(s.toJson());
        assertEquals(List.of("", "fc2"), back.paths());
        assertEquals(4, back.module("fc2").parameters().get("weight")[0]);
        assertThrows(
                IllegalArgumentException.class,
                () -> ModelStructure.fromJson("{\"format\": \"x\"}"));
    }
}
