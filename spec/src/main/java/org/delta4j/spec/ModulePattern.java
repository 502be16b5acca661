package org.delta4j.spec;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One module pattern with OpenDelta's addressing rules.
 *
 * <ul>
 *   <li>A plain pattern matches a dotted module path that ends with it at a dot boundary: {@code
 *       fc2}, {@code layers.0.fc2} and the full path all match {@code model.encoder.layers.0.fc2};
 *       {@code c2} does not.
 *   <li>A pattern starting with {@code [r]} is a regular expression. Its leftmost match must end at
 *       the end of the path and start at the beginning of the path or right after a dot. It runs on
 *       a {@link RegexBudget}.
 * </ul>
 */
public final class ModulePattern {
    /** The prefix that marks a pattern as a regular expression. */
    public static final String REGEX_PREFIX = "[r]";

    private final String text;
    private final Pattern regex;

    private ModulePattern(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    /**
     * Parses a pattern.
     *
     * @param text the pattern as the user wrote it
     * @return the pattern
     * @throws SpecException tagged {@link Problem#INVALID_REGEX} or {@link Problem#EMPTY_PATTERN}
     */
    public static ModulePattern parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith(REGEX_PREFIX)) {
            if (text.isBlank()) {
                throw Problem.EMPTY_PATTERN.exception(text);
            }
            return new ModulePattern(text, null);
        }
        String body = text.substring(REGEX_PREFIX.length());
        if (body.isEmpty()) {
            throw Problem.EMPTY_PATTERN.exception(text);
        }
        try {
            return new ModulePattern(text, Pattern.compile(body));
        } catch (PatternSyntaxException e) {
            throw Problem.INVALID_REGEX.exception(text, e.getDescription(), e.getIndex());
        }
    }

    /**
     * @return the pattern as written
     */
    public String text() {
        return text;
    }

    /**
     * @return whether this is a {@code [r]} regular expression
     */
    public boolean isRegex() {
        return regex != null;
    }

    /**
     * Tests a dotted module path.
     *
     * @param path the module path, such as {@code model.encoder.layers.0.fc2}
     * @return whether this pattern addresses it
     * @throws SpecException tagged {@link Problem#SLOW_REGEX} when a regular expression needs more
     *     than {@link RegexBudget#MAX_STEPS} steps on the path
     */
    public boolean matches(String path) {
        if (regex == null) {
            return path.endsWith(text)
                    && (path.length() == text.length()
                            || path.charAt(path.length() - text.length() - 1) == '.');
        }
        Matcher m = RegexBudget.matcher(regex, path, "Module pattern", text);
        if (!m.find()) {
            return false;
        }
        return m.end() == path.length() && (m.start() == 0 || path.charAt(m.start() - 1) == '.');
    }

    @Override
    public String toString() {
        return text;
    }
}
