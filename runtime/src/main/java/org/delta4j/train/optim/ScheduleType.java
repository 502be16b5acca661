package org.delta4j.train.optim;

/** The shape of a learning-rate schedule, as transformers' {@code lr_scheduler_type}. */
public enum ScheduleType {
    /** {@code get_constant_schedule}: the base rate at every step. */
    CONSTANT,
    /** {@code get_constant_schedule_with_warmup}: up from 0 over the warmup, then the base rate. */
    CONSTANT_WITH_WARMUP,
    /** {@code get_linear_schedule_with_warmup}: up from 0 over the warmup, then down to 0. */
    LINEAR,
    /** {@code get_cosine_schedule_with_warmup} (half a cycle): warmup, then a cosine to 0. */
    COSINE;

    /**
     * @param name {@code constant}, {@code constant_with_warmup}, {@code linear} or {@code cosine},
     *     in any case
     * @return the type of that name
     * @throws IllegalArgumentException for any other name
     */
    public static ScheduleType parse(String name) {
        return EnumNames.parse(ScheduleType.class, name, "learning-rate schedule");
    }
}
