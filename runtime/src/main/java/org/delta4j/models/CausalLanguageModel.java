package org.delta4j.models;

import org.delta4j.backbone.TakesNamedInputs;

/**
 * A decoder-only model with a language-model head, which generation continues (HF's {@code
 * *ForCausalLM}, GPT-2's {@code GPT2LMHeadModel}): it takes {@code input_ids}, {@code
 * attention_mask} and {@code position_ids} by name, returns {@code logits} first, and attends
 * through a {@link org.delta4j.nn.KeyValueCache} given in its forward parameters.
 */
public interface CausalLanguageModel extends TakesNamedInputs, HasInputLimits {}
