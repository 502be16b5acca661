/**
 * Training as HF's {@code Trainer} does it, with PyTorch's numbers: {@link
 * org.delta4j.train.TrainingArguments} (HF's names and defaults), the {@link
 * org.delta4j.train.Trainer} loop (accumulation, clipping, schedule, evaluation, best and last
 * values, run state and resume), and listeners for a metrics log and a progress bar. Also {@link
 * org.delta4j.train.ScopedStep}, a scoped step for loops written around DJL's own trainer.
 */
package org.delta4j.train;
