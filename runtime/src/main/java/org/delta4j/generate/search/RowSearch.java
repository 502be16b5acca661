package org.delta4j.generate.search;

import java.util.ArrayList;
import java.util.List;
import org.delta4j.generate.logits.LogitsProcessor;
import org.delta4j.generate.logits.LogitsProcessors;
import org.delta4j.generate.session.DecodingSession;

/**
 * Greedy search and sampling, transformers 4.38.2's {@code greedy_search} and {@code sample}: each
 * step the processors (then, for sampling, the warpers) change every row's logits, the chooser
 * picks a token, a row that has produced an eos id is finished and continues with the pad id;
 * decoding ends when every row has finished or the sequences reach {@code max_length}.
 */
public final class RowSearch {
    private final List<LogitsProcessor> processors;
    private final TokenChooser chooser;
    private final Stopping stopping;
    private final boolean keepScores;

    /**
     * @param processors the logits processors, then the warpers, in transformers' order
     * @param chooser argmax (greedy) or sampling
     * @param stopping eos ids, pad id and maximum length
     * @param keepScores whether to return each step's processed scores
     */
    public RowSearch(
            List<LogitsProcessor> processors,
            TokenChooser chooser,
            Stopping stopping,
            boolean keepScores) {
        this.processors = List.copyOf(processors);
        this.chooser = chooser;
        this.stopping = stopping;
        this.keepScores = keepScores;
    }

    /**
     * @param session the opened session, not yet started
     * @param listener hears each step
     * @return the sequences (and scores when asked)
     */
    public SearchOutput run(DecodingSession session, TokenListener listener) {
        long[][] sequences = session.initialSequences();
        int rows = sequences.length;
        boolean[] finished = new boolean[rows];
        List<float[][]> scores = new ArrayList<>();
        float[][] logits = session.start();
        for (int step = 0; ; step++) {
            long[] tokens = new long[rows];
            for (int r = 0; r < rows; r++) {
                LogitsProcessors.apply(processors, sequences[r], logits[r]);
                tokens[r] = finished[r] ? stopping.padTokenId() : chooser.choose(logits[r]);
                finished[r] |= stopping.isEos(tokens[r]);
            }
            if (keepScores) {
                scores.add(logits);
            }
            sequences = Sequences.extend(sequences, null, tokens);
            listener.onStep(step, tokens, finished.clone());
            if (allTrue(finished) || sequences[0].length >= stopping.maxLength()) {
                return new SearchOutput(sequences, null, scores);
            }
            logits = session.next(tokens);
        }
    }

    private static boolean allTrue(boolean[] flags) {
        for (boolean flag : flags) {
            if (!flag) {
                return false;
            }
        }
        return true;
    }
}
