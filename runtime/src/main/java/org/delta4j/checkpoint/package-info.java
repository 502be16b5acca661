/**
 * Deltas on disk: delta4j's own checkpoints (config with fingerprint and seal, weights by canonical
 * path), PEFT LoRA adapters in and out, and merged HF model folders. Every folder is written
 * atomically, and every load compares the file's tensors with the plan's predicted parameters
 * before it changes the backbone.
 */
package org.delta4j.checkpoint;
