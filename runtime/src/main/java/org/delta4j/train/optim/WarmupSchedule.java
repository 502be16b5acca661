package org.delta4j.train.optim;

/**
 * transformers' schedule functions ({@code optimization.py}), expression for expression, so that
 * the double results are PyTorch's bit for bit.
 */
final class WarmupSchedule implements LrSchedule {
    private final ScheduleType type;
    private final double baseLr;
    private final int warmupSteps;
    private final int totalSteps;

    private WarmupSchedule(ScheduleType type, double baseLr, int warmupSteps, int totalSteps) {
        this.type = type;
        this.baseLr = baseLr;
        this.warmupSteps = warmupSteps;
        this.totalSteps = totalSteps;
    }

    static WarmupSchedule of(ScheduleType type, double baseLr, int warmupSteps, int totalSteps) {
        if (type == null) {
            throw new IllegalArgumentException(
                    "schedule type is null: expected one of constant|constant_with_warmup|linear|cosine");
        }
        if (!(baseLr >= 0) || Double.isInfinite(baseLr)) {
            throw new IllegalArgumentException(
                    "schedule base learning rate " + baseLr + ": expected a finite number >= 0");
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException(
                    "schedule warmup steps " + warmupSteps + ": expected 0 or more");
        }
        if (totalSteps < 1) {
            throw new IllegalArgumentException(
                    "schedule total steps "
                            + totalSteps
                            + ": expected 1 or more (the optimizer steps of the run)");
        }
        if (type == ScheduleType.CONSTANT && warmupSteps != 0) {
            throw new IllegalArgumentException(
                    "schedule warmup steps "
                            + warmupSteps
                            + " with the constant schedule, which has no warmup (transformers"
                            + " ignores it): use constant_with_warmup, linear or cosine, or 0"
                            + " warmup steps");
        }
        return new WarmupSchedule(type, baseLr, warmupSteps, totalSteps);
    }

    @Override
    public double lr(int step) {
        if (step < 0) {
            throw new IllegalArgumentException(
                    "schedule step " + step + ": expected 0 or more (steps count from 0)");
        }
        return baseLr * lambda(step);
    }

    private double lambda(int step) {
        if (type == ScheduleType.CONSTANT) {
            return 1.0;
        }
        if (step < warmupSteps) {
            return (double) step / (double) Math.max(1, warmupSteps);
        }
        if (type == ScheduleType.CONSTANT_WITH_WARMUP) {
            return 1.0;
        }
        double remaining = Math.max(1, totalSteps - warmupSteps);
        if (type == ScheduleType.LINEAR) {
            return Math.max(0.0, (double) (totalSteps - step) / remaining);
        }
        double progress = (double) (step - warmupSteps) / remaining;
        return Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * 0.5 * 2.0 * progress)));
    }
}
