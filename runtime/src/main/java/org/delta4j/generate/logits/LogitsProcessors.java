package org.delta4j.generate.logits;

import java.util.List;

/** Applies a list of processors in order, as transformers' {@code LogitsProcessorList} does. */
public final class LogitsProcessors {
    private LogitsProcessors() {}

    /**
     * @param processors the processors, in the order transformers applies them
     * @param row the row's ids so far
     * @param scores the row's scores, changed in place
     */
    public static void apply(List<LogitsProcessor> processors, long[] row, float[] scores) {
        for (LogitsProcessor processor : processors) {
            processor.process(row, scores);
        }
    }

    /**
     * Bans every id of a list: the shared step of the processors that suppress eos.
     *
     * @param scores a row's scores, changed in place
     * @param ids the ids whose scores become {@code -inf}
     */
    static void ban(float[] scores, long[] ids) {
        for (long id : ids) {
            scores[(int) id] = Float.NEGATIVE_INFINITY;
        }
    }
}
