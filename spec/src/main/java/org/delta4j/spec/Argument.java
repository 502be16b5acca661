package org.delta4j.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One argument of a delta method (or of the freeze), declared once for every side: its Java name
 * (the annotation attribute and the builder setter), its key in OpenDelta's config, its type, its
 * default, the rule its values must satisfy and what it means. The annotation's default, the
 * runtime builder's default and the checkpoint config's fallback all come from here (the
 * annotation's literal default is pinned to it by a test).
 *
 * @param <T> the type of its values: {@link Integer}, {@link Double}, {@link Boolean}, {@link
 *     String} or {@code List<String>}
 */
public final class Argument<T> implements ConfigEntry {
    private final String name;
    private final String key;
    private final ValueType type;
    private final T defaultValue;
    private final ArgumentRule rule;
    private final String meaning;

    private Argument(
            String name,
            String key,
            ValueType type,
            T defaultValue,
            ArgumentRule rule,
            String meaning) {
        this.name = Objects.requireNonNull(name, "name");
        this.key = Objects.requireNonNull(key, "key");
        this.type = type;
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.meaning = Objects.requireNonNull(meaning, "meaning");
    }

    /**
     * @param name the Java name, such as {@code r}
     * @param key the config key, such as {@code lora_r}
     * @param defaultValue the default
     * @param rule the rule, such as {@link ArgumentRule#AT_LEAST_ONE}
     * @param meaning what it sets, as a noun phrase, such as {@code the rank}
     * @return an {@code int} argument
     */
    public static Argument<Integer> integer(
            String name, String key, int defaultValue, ArgumentRule rule, String meaning) {
        return new Argument<>(name, key, ValueType.INT, defaultValue, rule, meaning);
    }

    /**
     * @param name the Java name
     * @param key the config key
     * @param defaultValue the default
     * @param rule the rule, such as {@link ArgumentRule#POSITIVE}
     * @param meaning what it sets
     * @return a {@code double} argument
     */
    public static Argument<Double> number(
            String name, String key, double defaultValue, ArgumentRule rule, String meaning) {
        return new Argument<>(name, key, ValueType.DOUBLE, defaultValue, rule, meaning);
    }

    /**
     * @param name the Java name
     * @param key the config key
     * @param defaultValue the default
     * @param meaning what it sets; every value is valid
     * @return a {@code boolean} argument
     */
    public static Argument<Boolean> flag(
            String name, String key, boolean defaultValue, String meaning) {
        return new Argument<>(
                name, key, ValueType.BOOLEAN, defaultValue, ArgumentRule.ANY, meaning);
    }

    /**
     * @param name the Java name
     * @param key the config key
     * @param defaultValue the default
     * @param rule the rule, such as {@link ArgumentRule#NON_LINEARITY}
     * @param meaning what it sets
     * @return a {@code String} argument
     */
    public static Argument<String> string(
            String name, String key, String defaultValue, ArgumentRule rule, String meaning) {
        return new Argument<>(name, key, ValueType.STRING, defaultValue, rule, meaning);
    }

    /**
     * @param name the Java name
     * @param key the config key
     * @param defaultValue the default
     * @param rule the rule each element must satisfy
     * @param meaning what it sets
     * @return a {@code String[]} argument, whose values are unmodifiable lists
     */
    public static Argument<List<String>> strings(
            String name, String key, List<String> defaultValue, ArgumentRule rule, String meaning) {
        return new Argument<>(
                name, key, ValueType.STRINGS, List.copyOf(defaultValue), rule, meaning);
    }

    /**
     * @return the Java name: the annotation attribute's and the builder setter's, such as {@code r}
     */
    public String name() {
        return name;
    }

    @Override
    public String key() {
        return key;
    }

    /**
     * @return its type
     */
    public ValueType type() {
        return type;
    }

    /**
     * @return its default
     */
    public T defaultValue() {
        return defaultValue;
    }

    /**
     * @return the rule its values (for {@link ValueType#STRINGS}: each element) must satisfy
     */
    public ArgumentRule rule() {
        return rule;
    }

    @Override
    public String meaning() {
        return meaning;
    }

    /**
     * @return its meaning followed by the range its rule accepts, such as {@code the rank, at least
     *     1}
     */
    public String description() {
        return rule.range().isEmpty() ? meaning : meaning + ", " + rule.range();
    }

    /**
     * Checks a value with the rule.
     *
     * @param value a value of this argument's type
     * @return the value; for {@link ValueType#STRINGS} an unmodifiable copy
     * @throws IllegalArgumentException when the value is not of this argument's type
     * @throws SpecException when it breaks the rule
     */
    @SuppressWarnings("unchecked")
    public T check(Object value) {
        if (!type.valueClass().isInstance(value)) {
            throw new IllegalArgumentException(
                    "argument \"" + name + "\" must be a " + type.javaName() + ", not " + value);
        }
        if (type != ValueType.STRINGS) {
            rule.check(name, value);
            return (T) value;
        }
        List<String> elements = List.copyOf((List<String>) value);
        for (String element : elements) {
            rule.check(name, element);
        }
        return (T) elements;
    }

    /**
     * @param values checked argument values by argument name, such as a delta's
     * @return this argument's value among them
     */
    public T in(Map<String, ?> values) {
        @SuppressWarnings("unchecked")
        T value = (T) type.valueClass().cast(values.get(name));
        return value;
    }

    @Override
    public Object valueIn(Map<String, ?> values) {
        return in(values);
    }

    @Override
    public String toString() {
        return name;
    }
}
