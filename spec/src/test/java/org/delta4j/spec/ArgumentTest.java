package org.delta4j.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentTest {
    @Test
    void checkAppliesTheRuleAndNamesTheArgument() {
        assertEquals(4, LoraDeclaration.R.check(4));
        SpecException e = assertThrows(SpecException.class, () -> LoraDeclaration.R.check(0));
        assertEquals(
                "[delta4j:out-of-range] r = 0 is out of range: expected an integer >= 1.",
                e.getMessage());
        assertEquals(
                Problem.OUT_OF_RANGE,
                assertThrows(SpecException.class, () -> LoraDeclaration.DROPOUT.check(1.0))
                        .problem());
        assertEquals(
                Problem.UNKNOWN_CHOICE,
                assertThrows(SpecException.class, () -> DeltaArguments.NON_LINEARITY.check("gelu2"))
                        .problem());
    }

    @Test
    void checkRefusesAValueOfAnotherTypeByName() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LoraDeclaration.ALPHA.check(16));
        assertEquals("argument \"alpha\" must be a double, not 16", e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> PrefixDeclaration.REPARAMETERIZE.check("true"));
    }

    @Test
    void stringsAreCheckedElementByElementAndCopied() {
        List<String> patterns = new ArrayList<>(List.of("fc1", "[r]layers\\.0"));
        List<String> checked = DeltaArguments.MODULES.check(patterns);
        patterns.clear();
        assertEquals(List.of("fc1", "[r]layers\\.0"), checked);
        assertEquals(
                Problem.EMPTY_PATTERN,
                assertThrows(
                                SpecException.class,
                                () -> DeltaArguments.MODULES.check(List.of("fc1", " ")))
                        .problem());
        assertEquals(List.of(), DeltaArguments.EXCLUDE.check(List.of()));
    }

    @Test
    void descriptionAddsTheRulesRange() {
        assertEquals("the rank, at least 1", LoraDeclaration.R.description());
        assertEquals(
                "the dropout probability on the LoRA path, in [0, 1)",
                LoraDeclaration.DROPOUT.description());
        assertEquals(
                "whether an MLP computes the prefixes",
                PrefixDeclaration.REPARAMETERIZE.description());
    }

    @Test
    void inReadsTheValueByNameWithItsType() {
        Map<String, Object> values = Map.of("reductionFactor", 8, "hypercomplexDivision", 2);
        int factor = CompacterDeclaration.REDUCTION_FACTOR.in(values);
        assertEquals(8, factor);
        assertThrows(
                ClassCastException.class, () -> LoraDeclaration.ALPHA.in(Map.of("alpha", "16")));
    }
}
