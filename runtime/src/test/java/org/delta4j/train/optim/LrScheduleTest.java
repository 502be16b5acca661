package org.delta4j.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The schedules give transformers' values exactly; bad arguments are named. */
class LrScheduleTest {

    @Test
    void linearWithWarmupIsTheFixturesSchedule() {
        LrSchedule schedule = LrSchedule.of(ScheduleType.LINEAR, 1e-3, 2, 8);
        // 1e-3 * (k / 2 if k < 2 else (8 - k) / 6), as Python evaluates it.
        double[] want = {
            0.0,
            1e-3 * 0.5,
            1e-3 * 1.0,
            1e-3 * (5.0 / 6),
            1e-3 * (4.0 / 6),
            1e-3 * (3.0 / 6),
            1e-3 * (2.0 / 6),
            1e-3 * (1.0 / 6),
            0.0,
            0.0
        };
        for (int k = 0; k < want.length; k++) {
            assertEquals(want[k], schedule.lr(k), 0.0, "step " + k);
        }
        assertEquals(0.0005, schedule.lr(1), 0.0);
        assertEquals(0.001, schedule.lr(2), 0.0);
    }

    @Test
    void cosineWithWarmupFallsAlongHalfACosine() {
        LrSchedule schedule = LrSchedule.of(ScheduleType.COSINE, 2.0, 1, 5);
        assertEquals(0.0, schedule.lr(0), 0.0);
        assertEquals(2.0, schedule.lr(1), 0.0);
        // progress 1/4, 1/2, 3/4, 1: 0.5 * (1 + cos(pi * progress)).
        assertEquals(1.0 + Math.cos(Math.PI * 0.25), schedule.lr(2), 1e-15);
        assertEquals(1.0, schedule.lr(3), 1e-15);
        assertEquals(1.0 + Math.cos(Math.PI * 0.75), schedule.lr(4), 1e-15);
        assertEquals(0.0, schedule.lr(5), 1e-15);
        // Past the end transformers' cosine rises again (progress 2: a full cycle); kept as it is.
        assertEquals(2.0, schedule.lr(9), 0.0);
    }

    @Test
    void constantIsTheBaseRateAtEveryStep() {
        LrSchedule schedule = LrSchedule.of(ScheduleType.CONSTANT, 5e-5, 0, 3);
        assertEquals(5e-5, schedule.lr(0), 0.0);
        assertEquals(5e-5, schedule.lr(100), 0.0);
    }

    @Test
    void constantWithWarmupRisesThenHolds() {
        // transformers: step / max(1, warmup) during the warmup, 1.0 after.
        LrSchedule schedule = LrSchedule.of(ScheduleType.CONSTANT_WITH_WARMUP, 1e-3, 4, 10);
        double[] want = {0.0, 1e-3 * 0.25, 1e-3 * 0.5, 1e-3 * 0.75, 1e-3, 1e-3, 1e-3};
        for (int step = 0; step < want.length; step++) {
            assertEquals(want[step], schedule.lr(step), 0.0, "step " + step);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertMessage(
                "schedule warmup steps -1: expected 0 or more",
                () -> LrSchedule.of(ScheduleType.LINEAR, 1e-3, -1, 8));
        assertMessage(
                "schedule total steps 0: expected 1 or more (the optimizer steps of the run)",
                () -> LrSchedule.of(ScheduleType.LINEAR, 1e-3, 0, 0));
        assertMessage(
                "schedule base learning rate NaN: expected a finite number >= 0",
                () -> LrSchedule.of(ScheduleType.COSINE, Double.NaN, 0, 8));
        assertMessage(
                "schedule warmup steps 2 with the constant schedule, which has no warmup"
                        + " (transformers ignores it): use constant_with_warmup, linear or cosine, or 0 warmup steps",
                () -> LrSchedule.of(ScheduleType.CONSTANT, 1e-3, 2, 8));
        assertMessage(
                "schedule step -1: expected 0 or more (steps count from 0)",
                () -> LrSchedule.of(ScheduleType.CONSTANT, 1e-3, 0, 8).lr(-1));
        assertMessage(
                "learning-rate schedule 'step' is not known: use one of constant|constant_with_warmup|linear|cosine",
                () -> ScheduleType.parse("step"));
        assertEquals(ScheduleType.COSINE, ScheduleType.parse("Cosine"));
    }

    static void assertMessage(String want, Runnable call) {
        assertEquals(want, assertThrows(IllegalArgumentException.class, call::run).getMessage());
    }
}
