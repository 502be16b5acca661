/**
 * The one runtime place that knows every delta method's package: {@link
 * org.delta4j.delta.methods.MethodRegistry} finds each method's spec builder, and {@link
 * org.delta4j.delta.methods.DeltaSpecs} rebuilds specs from checkpoint configs through it,
 * generically over the method table. The core, {@code org.delta4j.delta}, imports no method.
 */
package org.delta4j.delta.methods;
