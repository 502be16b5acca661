package org.delta4j.examples.bench;

/**
 * One thing the benchmark times: built once (model, optimiser, inputs), then run repeatedly. New
 * cases (such as a merged-LoRA forward) are added in {@link BenchCases}.
 */
public interface BenchCase extends AutoCloseable {
    /** Runs the timed operation once; it returns only when the result has been computed. */
    void runOnce();

    /** Frees the case's model and arrays. */
    @Override
    void close();
}
