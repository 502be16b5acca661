package org.delta4j.train;

/**
 * One evaluation on the eval set.
 *
 * @param step the optimizer steps done when it ran
 * @param evalLoss the loss over the eval set: the mean of the batch losses weighted by their rows,
 *     as HF's evaluation loop
 * @param evalAccuracy the fraction of correct predictions (rows or tokens), NaN for regression
 * @param epoch the epochs done, fractional
 */
public record EvalMetrics(int step, double evalLoss, double evalAccuracy, double epoch) {}
