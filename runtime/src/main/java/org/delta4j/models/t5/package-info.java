/**
 * T5 as in HF transformers 4.26: the same module classes, child names and order (dropouts and
 * activations included), parameter names and numerics (pre-norm RMS layer norms, no biases,
 * unscaled attention with bucketed relative position biases owned by the first block, {@code
 * shared} as each stack's {@code embed_tokens}, the {@code d_model^-0.5} rescaling before a tied
 * {@code lm_head}, plain and gated feed-forwards). Every attention block, self- and cross-, accepts
 * prefix keys and values ({@link org.delta4j.nn.AttentionPrefix}).
 */
package org.delta4j.models.t5;
