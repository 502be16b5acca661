package org.delta4j.train;

/**
 * What one optimizer step did.
 *
 * @param step the step, from 1
 * @param loss the mean of the unscaled losses of the batches in the step
 * @param gradNorm the global L2 norm of the trainable gradients, before clipping
 * @param learningRate the learning rate the step used
 * @param epoch the epochs done after the step, fractional (1.5 is half-way through the second)
 */
public record StepMetrics(
        int step, double loss, double gradNorm, double learningRate, double epoch) {}
