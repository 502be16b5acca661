package org.delta4j.processor.model;

/** The Java types a spec annotation attribute can have. */
public enum ValueType {
    /** {@code int}. */
    INT,
    /** {@code double}. */
    DOUBLE,
    /** {@code boolean}. */
    BOOLEAN,
    /** {@code String}. */
    STRING,
    /** {@code String[]}; its values are {@code List<String>}, checked one element at a time. */
    STRINGS
}
