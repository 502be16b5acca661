/**
 * GPT-2 as in HF transformers 4.26: the same module classes, child names and order (dropouts and
 * the activation included), parameter names and numerics (pre-LN blocks, {@code Conv1D} projections
 * with {@code [in, out]} weights, {@code gelu_new}, the {@code bias} causal table as a buffer).
 * Every attention block accepts prefix keys and values ({@link org.delta4j.nn.AttentionPrefix}).
 */
package org.delta4j.models.gpt2;
