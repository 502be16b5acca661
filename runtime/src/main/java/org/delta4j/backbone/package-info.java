/**
 * What delta methods and tools may ask of a backbone without knowing its class: capability
 * interfaces ({@link org.delta4j.backbone.HasEncoder}, {@link
 * org.delta4j.backbone.HasInputEmbeddings}, {@link org.delta4j.backbone.PrefixableAttention},
 * {@link org.delta4j.backbone.TakesNamedInputs}), inputs by HF's names, and the common structures
 * that map each architecture's module names to OpenDelta's unified ones. Models implement these;
 * deltas and the module tree read them.
 */
package org.delta4j.backbone;
