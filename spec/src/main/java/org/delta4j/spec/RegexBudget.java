package org.delta4j.spec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regular expressions that come from files or annotations run on a budget. Java's backtracking
 * engine needs exponential time for patterns such as {@code (\w+\.?)*X} or {@code ([a-z.0-9]+)+\1X}
 * on a path they almost match, and a running match cannot be interrupted. Here the engine reads the
 * path through a counter, and past {@link #MAX_STEPS} character reads the match stops with a {@link
 * Problem#SLOW_REGEX} error naming the pattern and the path. The count does not depend on the
 * machine, so a pattern fits or fails on a path the same way everywhere.
 */
public final class RegexBudget {
    /**
     * The character reads one match may take: a pattern without nested repetition needs at most a
     * few thousand on a module path, and a million take milliseconds.
     */
    public static final int MAX_STEPS = 1_000_000;

    private RegexBudget() {}

    /**
     * @param regex the compiled pattern
     * @param input the text to match, such as a module path
     * @param subject what the pattern is, for the error, such as {@code Module pattern} or {@code
     *     target_modules}
     * @param text the pattern as the user wrote it, for the error
     * @return a matcher whose {@code find} and {@code matches} throw a {@link SpecException} tagged
     *     {@link Problem#SLOW_REGEX} once they have read {@link #MAX_STEPS} characters
     */
    public static Matcher matcher(Pattern regex, String input, String subject, String text) {
        return regex.matcher(new CountedText(input, subject, text));
    }

    /** The input, counting every character the engine reads. */
    private static final class CountedText implements CharSequence {
        private final String input;
        private final String subject;
        private final String text;
        private int steps;

        CountedText(String input, String subject, String text) {
            this.input = input;
            this.subject = subject;
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if (++steps > MAX_STEPS) {
                throw Problem.SLOW_REGEX.exception(subject, text, MAX_STEPS, input);
            }
            return input.charAt(index);
        }

        @Override
        public int length() {
            return input.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return input.subSequence(start, end);
        }

        @Override
        public String toString() {
            return input;
        }
    }
}
