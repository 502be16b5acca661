package org.delta4j.processor.model;

import java.util.Objects;
import org.delta4j.spec.ArgumentRules;
import org.delta4j.spec.ModulePattern;

/**
 * One attribute of a spec annotation: its name (shared by the annotation, the runtime builder's setter and the
 * rules' messages), its type, what it means, and the rule its values must satisfy.
 *
 * @param name the attribute's name, such as {@code bottleneck}
 * @param type its type
 * @param meaning what it sets, as a noun phrase for generated Javadoc
 * @param rule the rule a value (for {@link ValueType#STRINGS}: each element) must satisfy
 */
public record Attribute(String name, ValueType type, String meaning, Rule rule) {
    /** Checks one value; the same method the runtime builder's setter calls. */
    @FunctionalInterface
    public interface Rule {
        /**
         * @param name the attribute's name, for the message
         * @param value an {@link Integer}, {@link Double}, {@link Boolean} or {@link String}
         * @throws org.delta4j.spec.SpecException when the value breaks the rule
         */
        void check(String name, Object value);
    }

    /** A rule that accepts every value. */
    public static final Rule ANY = (name, value) -> { };

    /** A delta's module patterns; also checked against the backbone's structure. */
    public static final Attribute MODULES = new Attribute(
            "modules", ValueType.STRINGS, "the module patterns to modify",
            (name, value) -> ModulePattern.parse((String) value));

    /** A delta's excluded module path prefixes. */
    public static final Attribute EXCLUDE = new Attribute(
            "exclude", ValueType.STRINGS, "the module path prefixes never to modify", ANY);

    /** The freeze's exclude keyword and patterns. */
    public static final Attribute FREEZE_EXCLUDE = new Attribute(
            "exclude", ValueType.STRINGS, "the keyword \"deltas\" and the module patterns to keep trainable",
            (name, value) -> ArgumentRules.freezeExclude((String) value));

    /**
     * @param name the attribute's name
     * @param type its type
     * @param meaning what it sets
     * @param rule the rule its values must satisfy
     */
    public Attribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(rule, "rule");
    }
}
