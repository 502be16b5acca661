/**
 * HF's Llama, Mistral and Qwen2 decoders: one implementation (RMSNorm, rotary position embeddings,
 * SwiGLU MLP, grouped-query attention with a key/value cache) configured by {@link
 * org.delta4j.models.llama.LlamaFamilyConfig}, with HF's class names for each family.
 */
package org.delta4j.models.llama;
