/**
 * Optimizers, learning-rate schedules and gradient clipping that reproduce PyTorch's step for step:
 * {@code torch.optim.AdamW}, {@code Adam} and {@code SGD} (1.13, {@code foreach=False}),
 * transformers' {@code get_*_schedule_with_warmup} and {@code clip_grad_norm_}. Updates run in
 * place on the parameters' arrays, reading each gradient where backward left it.
 */
package org.delta4j.train.optim;
