package org.delta4j.train;

/**
 * How a run ended.
 *
 * @param steps the optimizer steps done in all (including those before a resume)
 * @param lastLoss the loss of the last step, NaN when no step ran
 * @param bestEvalLoss the lowest eval loss seen, NaN without an eval set
 * @param bestStep the step of that eval loss, 0 without one
 */
public record TrainingSummary(int steps, double lastLoss, double bestEvalLoss, int bestStep) {}
