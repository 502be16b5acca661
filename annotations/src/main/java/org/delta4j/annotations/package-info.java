/**
 * The tuning-spec annotations. Annotate an interface or class with a {@link org.delta4j.annotations.Backbone}, one
 * or more delta annotations ({@link org.delta4j.annotations.Adapter}, {@link org.delta4j.annotations.Lora},
 * {@link org.delta4j.annotations.BitFit}) and optionally a {@link org.delta4j.annotations.Freeze}; the delta4j
 * annotation processor checks every value against the backbone's structure at compile time and generates the
 * type-safe wiring, named after the type with the suffix {@code Delta}.
 *
 * <pre>{@code
 * @Backbone("facebook/bart-base")
 * @Adapter(modules = "fc2", bottleneck = 12)
 * @Freeze(exclude = {"deltas", "layernorm_embedding"})
 * public interface BartFfnAdapter {}
 *
 * Tuning tuning = BartFfnAdapterDelta.attach(model.getBlock());
 * }</pre>
 *
 * <p>Module patterns follow OpenDelta's addressing: a plain pattern such as {@code "fc2"} or
 * {@code "layers.0.fc2"} matches a module path that ends with it at a dot boundary; a pattern starting with
 * {@code [r]} is a Java regular expression that must match a whole dotted tail of the path.
 */
package org.delta4j.annotations;
