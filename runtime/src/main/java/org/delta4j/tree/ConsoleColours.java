package org.delta4j.tree;

import java.util.Map;

/**
 * Whether a program's standard output may carry ANSI colours (such as {@link
 * StructureGraph#render(boolean)}'s): only when it is a terminal and the user has not turned
 * colours off. One rule for every delta4j program, so that output piped to a file or another
 * program is plain text.
 *
 * <p>{@code NO_COLOR} (any non-empty value, see no-color.org) turns colours off; {@code
 * CLICOLOR_FORCE} (any non-empty value but {@code 0}) turns them on even when the output is not a
 * terminal.
 */
public final class ConsoleColours {
    private ConsoleColours() {}

    /**
     * @return whether this process's standard output should be coloured
     */
    public static boolean enabled() {
        // Java 17's System.console() is null unless both standard input and output are a terminal.
        return enabled(System.console() != null, System.getenv());
    }

    /**
     * @param terminal whether the output is a terminal
     * @param environment the environment variables
     * @return whether to colour the output
     */
    static boolean enabled(boolean terminal, Map<String, String> environment) {
        if (isSet(environment.get("NO_COLOR"))) {
            return false;
        }
        String force = environment.get("CLICOLOR_FORCE");
        return terminal || isSet(force) && !force.equals("0");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty();
    }
}
