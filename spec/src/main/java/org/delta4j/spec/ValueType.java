package org.delta4j.spec;

import java.util.List;

/** The Java types a delta method's argument (and its annotation attribute) can have. */
public enum ValueType {
    /** {@code int}. */
    INT("int", Integer.class),
    /** {@code double}. */
    DOUBLE("double", Double.class),
    /** {@code boolean}. */
    BOOLEAN("boolean", Boolean.class),
    /** {@code String}. */
    STRING("String", String.class),
    /** {@code String[]}; its values are {@code List<String>}, checked one element at a time. */
    STRINGS("String[]", List.class);

    private final String javaName;
    private final Class<?> valueClass;

    ValueType(String javaName, Class<?> valueClass) {
        this.javaName = javaName;
        this.valueClass = valueClass;
    }

    /**
     * @return how Java source writes the type, such as {@code int} or {@code String[]}
     */
    public String javaName() {
        return javaName;
    }

    /**
     * @return the class of its values: {@link Integer}, {@link Double}, {@link Boolean}, {@link
     *     String} or {@link List}
     */
    public Class<?> valueClass() {
        return valueClass;
    }
}
