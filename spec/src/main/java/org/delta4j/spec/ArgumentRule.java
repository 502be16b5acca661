package org.delta4j.spec;

import java.util.Objects;

/**
 * The rule an argument's values must satisfy: one of {@link ArgumentRules}, with the range it
 * accepts in words. The processor checks annotation values with it and the runtime's builders check
 * values set in code with it.
 *
 * @param range what it accepts, as a phrase appended to an argument's meaning, such as {@code at
 *     least 1}; empty when the meaning says it all
 * @param check the check; for {@link ValueType#STRINGS} it checks each element
 */
public record ArgumentRule(String range, Check check) {
    /** Checks one value. */
    @FunctionalInterface
    public interface Check {
        /**
         * @param name the argument's name, for the message
         * @param value an {@link Integer}, {@link Double}, {@link Boolean} or {@link String}
         * @throws SpecException when the value breaks the rule
         */
        void check(String name, Object value);
    }

    /** Accepts every value. */
    public static final ArgumentRule ANY = new ArgumentRule("", (name, value) -> {});

    /** An integer of at least 1. */
    public static final ArgumentRule AT_LEAST_ONE =
            new ArgumentRule(
                    "at least 1", (name, value) -> ArgumentRules.atLeastOne(name, (Integer) value));

    /** A finite number greater than 0. */
    public static final ArgumentRule POSITIVE =
            new ArgumentRule(
                    "greater than 0",
                    (name, value) -> ArgumentRules.positive(name, (Double) value));

    /** A probability in [0, 1). */
    public static final ArgumentRule PROBABILITY =
            new ArgumentRule(
                    "in [0, 1)", (name, value) -> ArgumentRules.dropout(name, (Double) value));

    /** One of the adapter non-linearities, {@link ArgumentRules#NON_LINEARITIES}. */
    public static final ArgumentRule NON_LINEARITY =
            new ArgumentRule(
                    "",
                    (name, value) ->
                            ArgumentRules.oneOf(
                                    name, (String) value, ArgumentRules.NON_LINEARITIES));

    /** A module pattern, {@link ModulePattern#parse}. */
    public static final ArgumentRule MODULE_PATTERN =
            new ArgumentRule("", (name, value) -> ModulePattern.parse((String) value));

    /** A freeze exclude entry, {@link ArgumentRules#freezeExclude}. */
    public static final ArgumentRule FREEZE_EXCLUDE =
            new ArgumentRule("", (name, value) -> ArgumentRules.freezeExclude((String) value));

    /**
     * @param range what it accepts, in words
     * @param check the check
     */
    public ArgumentRule {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(check, "check");
    }

    /**
     * Checks one value.
     *
     * @param name the argument's name, for the message
     * @param value the value; for {@link ValueType#STRINGS}, one element
     * @throws SpecException when the value breaks the rule
     */
    public void check(String name, Object value) {
        check.check(name, value);
    }
}
