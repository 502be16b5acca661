/**
 * Text generation as transformers 4.38.2's {@code generate} does it: {@link
 * org.delta4j.generate.GenerationConfig} (read from a model folder or built), {@link
 * org.delta4j.generate.Generator} (greedy search, sampling, beam search over a loaded model, tuned
 * or not) and {@link org.delta4j.generate.GenerationResult}.
 */
package org.delta4j.generate;
