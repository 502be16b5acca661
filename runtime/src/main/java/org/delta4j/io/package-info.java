/**
 * Files: a safetensors reader (checked headers, per-tensor memory mapping with long offsets, BF16 and I16 widened in
 * Java because DJL's PyTorch engine aborts on them), an HF-compatible atomic writer and sharded checkpoints; delta4j's
 * own delta checkpoints, PEFT LoRA adapters, and merged HF model folders. Every folder is written atomically and every
 * load checks all it can before it changes the backbone.
 */
package org.delta4j.io;
