package org.delta4j.spec;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Value ranges of the delta methods' arguments. The processor checks annotation values with these,
 * and the runtime's builders check values set in code with the same methods.
 */
public final class ArgumentRules {
    /** The adapter non-linearities, by OpenDelta's names. */
    public static final List<String> NON_LINEARITIES =
            List.of("gelu_new", "gelu", "gelu_orig", "relu", "tanh", "swish", "leakyrelu");

    /** The freeze exclude keyword that keeps every delta parameter trainable. */
    public static final String FREEZE_DELTAS = "deltas";

    /** What a delta's name looks like: it prefixes Java fields and methods. */
    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9_]*");

    /** Java's keywords and literals that a lower-case name could spell. */
    private static final Set<String> KEYWORDS =
            Set.of(
                    "abstract",
                    "assert",
                    "boolean",
                    "break",
                    "byte",
                    "case",
                    "catch",
                    "char",
                    "class",
                    "const",
                    "continue",
                    "default",
                    "do",
                    "double",
                    "else",
                    "enum",
                    "extends",
                    "false",
                    "final",
                    "finally",
                    "float",
                    "for",
                    "goto",
                    "if",
                    "implements",
                    "import",
                    "instanceof",
                    "int",
                    "interface",
                    "long",
                    "native",
                    "new",
                    "null",
                    "package",
                    "private",
                    "protected",
                    "public",
                    "return",
                    "short",
                    "static",
                    "strictfp",
                    "super",
                    "switch",
                    "synchronized",
                    "this",
                    "throw",
                    "throws",
                    "transient",
                    "true",
                    "try",
                    "void",
                    "volatile",
                    "while");

    private ArgumentRules() {}

    /**
     * Requires a delta name that can prefix generated Java members: an ASCII identifier starting
     * with a lower-case letter, not a keyword.
     *
     * @param name the name
     * @return the name
     * @throws SpecException tagged {@link Problem#INVALID_NAME}
     */
    public static String deltaName(String name) {
        if (!NAME.matcher(name).matches() || KEYWORDS.contains(name)) {
            throw Problem.INVALID_NAME.exception(name);
        }
        return name;
    }

    /**
     * Requires {@code value >= 1}.
     *
     * @param name the argument, as the user sees it (such as {@code "bottleneck"})
     * @param value its value
     * @return the value
     * @throws SpecException tagged {@link Problem#OUT_OF_RANGE}
     */
    public static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw Problem.OUT_OF_RANGE.exception(name, value, "an integer >= 1");
        }
        return value;
    }

    /**
     * Requires a finite value greater than zero.
     *
     * @param name the argument
     * @param value its value
     * @return the value
     * @throws SpecException tagged {@link Problem#OUT_OF_RANGE}
     */
    public static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw Problem.OUT_OF_RANGE.exception(name, value, "a finite number > 0");
        }
        return value;
    }

    /**
     * Requires a dropout probability in [0, 1).
     *
     * @param name the argument
     * @param value its value
     * @return the value
     * @throws SpecException tagged {@link Problem#OUT_OF_RANGE}
     */
    public static double dropout(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw Problem.OUT_OF_RANGE.exception(name, value, "a probability in [0, 1)");
        }
        return value;
    }

    /**
     * Requires a freeze exclude entry to be the keyword {@value #FREEZE_DELTAS} or a valid module
     * pattern.
     *
     * @param entry the entry
     * @return the entry
     * @throws SpecException tagged {@link Problem#INVALID_REGEX} or {@link Problem#EMPTY_PATTERN}
     */
    public static String freezeExclude(String entry) {
        if (!FREEZE_DELTAS.equals(entry)) {
            ModulePattern.parse(entry);
        }
        return entry;
    }

    /**
     * Requires one of a fixed set of names.
     *
     * @param name the argument
     * @param value its value
     * @param choices the accepted values
     * @return the value
     * @throws SpecException tagged {@link Problem#UNKNOWN_CHOICE}, with the closest choice where
     *     one is close
     */
    public static String oneOf(String name, String value, Collection<String> choices) {
        if (!choices.contains(value)) {
            throw Problem.UNKNOWN_CHOICE.exception(name, value, choices);
        }
        return value;
    }
}
