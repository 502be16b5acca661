package org.delta4j.tree;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Colours on a terminal only; NO_COLOR turns them off, CLICOLOR_FORCE on. */
class ConsoleColoursTest {
    @Test
    void colouredOnlyOnATerminal() {
        assertTrue(ConsoleColours.enabled(true, Map.of()));
        assertFalse(ConsoleColours.enabled(false, Map.of()));
    }

    @Test
    void noColorTurnsThemOffEvenWhenForced() {
        assertFalse(ConsoleColours.enabled(true, Map.of("NO_COLOR", "1")));
        assertFalse(ConsoleColours.enabled(true, Map.of("NO_COLOR", "1", "CLICOLOR_FORCE", "1")));
        assertTrue(
                ConsoleColours.enabled(true, Map.of("NO_COLOR", "")), "an empty NO_COLOR is unset");
    }

    @Test
    void clicolorForceTurnsThemOnWithoutATerminal() {
        assertTrue(ConsoleColours.enabled(false, Map.of("CLICOLOR_FORCE", "1")));
        assertFalse(ConsoleColours.enabled(false, Map.of("CLICOLOR_FORCE", "0")));
        assertFalse(ConsoleColours.enabled(false, Map.of("CLICOLOR_FORCE", "")));
    }
}
