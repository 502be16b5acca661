package org.delta4j.processor.model;

import java.util.Objects;

/**
 * One attribute's checked value.
 *
 * @param attribute the attribute
 * @param value an {@link Integer}, {@link Double}, {@link Boolean}, {@link String} or, for {@link
 *     ValueType#STRINGS}, an unmodifiable {@code List<String>}
 */
public record Setting(Attribute attribute, Object value) {
    /**
     * @param attribute the attribute
     * @param value its checked value
     */
    public Setting {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(value, "value");
    }
}
