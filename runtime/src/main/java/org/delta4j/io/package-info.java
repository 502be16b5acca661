/**
 * Files, below everything that knows models or deltas: a safetensors reader (checked headers,
 * per-tensor memory mapping with long offsets, BF16 and I16 widened in Java because DJL's PyTorch
 * engine aborts on them), an HF-compatible writer, sharded checkpoints, atomic folders, SHA-256
 * digests, strict JSON and the rule that only regular files are read from a user's folder.
 */
package org.delta4j.io;
