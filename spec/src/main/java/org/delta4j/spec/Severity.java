package org.delta4j.spec;

/**
 * How serious a {@link Problem} is. The annotation processor reports each problem as the compiler
 * diagnostic of the same name; only an {@link #ERROR} stops the wiring from being generated.
 */
public enum Severity {
    /** The spec is wrong: no wiring is generated and the runtime throws. */
    ERROR,
    /** The spec works but probably not as meant. */
    WARNING,
    /** Information only. */
    NOTE
}
