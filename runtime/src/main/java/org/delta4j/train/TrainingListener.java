package org.delta4j.train;

/**
 * Hears what a {@link Trainer} does, as DJL's {@code TrainingListener}: every method has an empty
 * default. Called on the training thread; a listener that throws stops the run (the run state saved
 * so far stays).
 */
public interface TrainingListener {
    /**
     * @param firstStep the first step this run will take, from 1 (later when resumed)
     * @param totalSteps the last step of the run
     */
    default void onTrainingBegin(int firstStep, int totalSteps) {}

    /**
     * @param metrics the step just taken
     */
    default void onStep(StepMetrics metrics) {}

    /**
     * @param metrics the evaluation just done
     */
    default void onEvaluation(EvalMetrics metrics) {}

    /**
     * @param summary how the run ended
     */
    default void onTrainingEnd(TrainingSummary summary) {}
}
