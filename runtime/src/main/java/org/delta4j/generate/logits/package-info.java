/**
 * Logits processors and sampling warpers with transformers 4.38.2's rules and float32 arithmetic,
 * working in place on one row's scores: what decoding applies to the model's next-token scores
 * before it chooses.
 */
package org.delta4j.generate.logits;
