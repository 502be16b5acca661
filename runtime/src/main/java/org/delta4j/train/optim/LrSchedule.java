package org.delta4j.train.optim;

/**
 * The learning rate of each optimizer step, as a PyTorch {@code LambdaLR} with one of transformers'
 * schedules gives it: {@code baseLr * lambda(step)}, computed in double.
 */
public interface LrSchedule {

    /**
     * @param step the optimizer step, from 0
     * @return the learning rate that step uses
     * @throws IllegalArgumentException if step is negative
     */
    double lr(int step);

    /**
     * @param type the schedule's shape
     * @param baseLr the peak learning rate, {@code >= 0}
     * @param warmupSteps steps of linear warmup from 0, {@code >= 0} (0 for {@code CONSTANT})
     * @param totalSteps the optimizer steps of the run, {@code >= 1}
     * @return the schedule
     * @throws IllegalArgumentException naming the argument out of range
     */
    static LrSchedule of(ScheduleType type, double baseLr, int warmupSteps, int totalSteps) {
        return WarmupSchedule.of(type, baseLr, warmupSteps, totalSteps);
    }
}
