/**
 * delta4j's runtime: delta tuning (LoRA, adapters, BitFit, ...) for DJL models. Packages: {@code
 * tree} (module paths, surgery, structure graph), {@code nn} (HF-named layers), {@code models}
 * (backbones), {@code delta} (specs, methods, attach, freeze), {@code io} (tensor files,
 * checkpoints), {@code train} (training-loop helpers).
 */
package org.delta4j;
