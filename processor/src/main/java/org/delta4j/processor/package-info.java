/**
 * The delta4j annotation processor. {@link org.delta4j.processor.DeltaSpecProcessor} runs one pipeline per spec
 * type: {@code read} (annotation mirrors with defaults) → {@code validate} (every rule, every error, against the
 * {@code catalogue} structures) → {@code model} (the checked, immutable spec) → {@code generate} (JavaPoet). The
 * rules and message texts come from {@code org.delta4j.spec}, which the runtime builders use too.
 */
package org.delta4j.processor;
