/**
 * The delta4j annotation processor. {@link org.delta4j.processor.DeltaSpecProcessor} runs one
 * pipeline per spec type: {@code read} (annotation mirrors with defaults, repeated ones unpacked) →
 * {@code validate} (every rule, every error, against the {@code catalogue} structures) → {@code
 * model} (the checked, immutable spec) → {@code generate} (JavaPoet). Each round checks every spec
 * type before it writes any wiring. A spec type whose values the compiler cannot resolve yet
 * ({@code TypeKind.ERROR}, such as a constant of a class another processor generates) waits for the
 * next round without a word. The rules and message texts come from {@code org.delta4j.spec}, which
 * the runtime uses too; each problem is reported as the compiler diagnostic of its {@link
 * org.delta4j.spec.Severity}.
 *
 * <p>Every error carries a tag from {@link org.delta4j.spec.Problem}: {@code out-of-range}, {@code
 * unknown-choice}, {@code invalid-regex}, {@code empty-pattern} and {@code invalid-name} on a
 * value; {@code unknown-module}, {@code no-modules}, {@code unsupported-module}, {@code
 * indivisible}, {@code unpaired} and {@code conflict} on the modules a delta selects; {@code
 * spec-type}, {@code no-backbone}, {@code no-delta}, {@code unknown-backbone}, {@code
 * bad-structure}, {@code missing-name} and {@code duplicate-name} on the spec; {@code
 * unknown-model-class}, {@code other-family}, {@code no-classifier} and {@code catalogue-only} on
 * the backbone's model class and number of labels; {@code unresolved} on a spec whose values were
 * still unresolved when processing was over; {@code processor-failure} for the processor's own
 * bugs.
 */
package org.delta4j.processor;
