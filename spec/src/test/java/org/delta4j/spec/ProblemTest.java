package org.delta4j.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ProblemTest {
    @Test
    void exceptionCarriesTheProblemAndItsFormattedMessage() {
        SpecException e = Problem.OUT_OF_RANGE.exception("r", 0, "an integer >= 1");
        assertEquals(Problem.OUT_OF_RANGE, e.problem());
        assertEquals(
                "[delta4j:out-of-range] r = 0 is out of range: expected an integer >= 1.",
                e.getMessage());
        assertEquals(Problem.OUT_OF_RANGE.format("r", 0, "an integer >= 1"), e.getMessage());
        assertNull(e.argument());
    }

    @Test
    void exceptionAboutNamesTheArgumentWithoutChangingTheMessage() {
        SpecException e =
                Problem.INDIVISIBLE.exceptionAbout(
                        "reductionFactor", "Compacter", "fc2", "it does not");
        assertEquals("reductionFactor", e.argument());
        assertEquals(
                "[delta4j:indivisible] Compacter cannot modify module \"fc2\": it does not",
                e.getMessage());
    }

    @Test
    void everyProblemIsAnErrorToday() {
        // Reporting a problem as a warning or note instead changes what users' builds do: pin it.
        for (Problem p : Problem.values()) {
            assertEquals(Severity.ERROR, p.severity(), p.name());
        }
    }
}
