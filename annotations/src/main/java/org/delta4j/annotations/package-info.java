/**
 * The tuning-spec annotations. Annotate an interface or abstract class with a {@link
 * org.delta4j.annotations.Backbone}, one or more delta annotations ({@link
 * org.delta4j.annotations.Lora}, {@link org.delta4j.annotations.Adapter}, {@link
 * org.delta4j.annotations.BitFit}, {@link org.delta4j.annotations.LowRankAdapter}, {@link
 * org.delta4j.annotations.Compacter}, {@link org.delta4j.annotations.ParallelAdapter}, {@link
 * org.delta4j.annotations.Prefix}, {@link org.delta4j.annotations.SoftPrompt}) and optionally a
 * {@link org.delta4j.annotations.Freeze}; the delta4j annotation processor checks every value
 * against the backbone's structure at compile time, reporting each problem on the exact value with
 * a tag such as {@code [delta4j:unknown-module]}, and generates the type-safe wiring, named after
 * the type with the suffix {@code Delta}. Every default equals the runtime builder's.
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
 * <p>Module patterns follow OpenDelta's addressing: a plain pattern such as {@code "fc2"} or {@code
 * "layers.0.fc2"} matches a module path that ends with it at a dot boundary; a pattern starting
 * with {@code [r]} is a Java regular expression that must match a whole dotted tail of the path.
 * Patterns also match unified names ({@code "attn.q"}, {@code "ff.w2"}), and a delta without
 * modules takes OpenDelta's default ones.
 *
 * <p>The deltas with arguments are repeatable, each named: {@code @Lora(name = "attn", modules =
 * {"q_proj", "v_proj"}, r = 8) @Lora(name = "ffn", modules = "fc1", r = 4)}. Two deltas of one
 * method may not modify the same module; deltas of different methods may.
 */
package org.delta4j.annotations;
