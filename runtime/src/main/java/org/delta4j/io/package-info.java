/**
 * Tensor files: a safetensors reader (checked headers, per-tensor memory mapping with long offsets, BF16 and I16
 * widened in Java because DJL's PyTorch engine aborts on them), an HF-compatible atomic writer, and sharded
 * checkpoints.
 */
package org.delta4j.io;
