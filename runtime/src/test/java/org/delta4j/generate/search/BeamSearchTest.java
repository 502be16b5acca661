package org.delta4j.generate.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Beam search on a fake model whose log-probabilities are fixed by the last token (token 0 is the
 * start id, 3 and 2 the eos ids, 9 the pad id): the expected hypotheses and scores are worked out
 * by hand from transformers 4.38.2's {@code BeamSearchScorer}, in comments.
 */
class BeamSearchTest {
    private static final long START = 0;
    private static final long PAD = 9;
    private static final float TOLERANCE = 1e-5f;

    /** After the start: 1 (.6), 2 (.3), eos (.1); after 1: eos likely; after 2: 1 likely. */
    private static final Map<Long, double[]> LIKES_EOS_AFTER_1 =
            Map.of(
                    0L, new double[] {0, 0.6, 0.3, 0.1},
                    1L, new double[] {0, 0.1, 0.2, 0.7},
                    2L, new double[] {0, 0.5, 0.35, 0.15});

    /** Both step-2 eos candidates rank in the first two: early stopping decides. */
    private static final Map<Long, double[]> TWO_EARLY_EOS =
            Map.of(
                    0L, new double[] {0, 0.5, 0.4, 0.1},
                    1L, new double[] {0, 0.02, 0.03, 0.95},
                    2L, new double[] {0, 0.25, 0.05, 0.7});

    private static SearchOutput search(
            Map<Long, double[]> table,
            long[] eos,
            int maxLength,
            int returned,
            EarlyStopping early,
            int[] steps) {
        TableSession session = new TableSession(new long[][] {{START}, {START}}, table);
        SearchOutput out =
                new BeamSearch(
                                List.of(),
                                new Stopping(eos, PAD, maxLength),
                                2,
                                returned,
                                1.0,
                                early,
                                false)
                        .run(session, (step, tokens, finished) -> steps[0] = step + 1);
        return out;
    }

    @Test
    void eosClosesHypothesesOnlyAmongTheFirstNumBeamsAndOutputIsPadded() {
        int[] steps = {0};
        SearchOutput out =
                search(LIKES_EOS_AFTER_1, new long[] {3}, 4, 2, EarlyStopping.TRUE, steps);
        // step 1: beams [0,1] ln.6, [0,2] ln.3; eos (ln.1) ranks third and is skipped.
        // step 2: [0,1]+eos = ln.6+ln.7 ranks first: hypothesis [0,1], len 2; beams [0,2,1]
        // (ln.3+ln.5) and [0,1,2] (ln.6+ln.2).
        // step 3: [0,2,1]+eos ranks first: hypothesis [0,2,1], len 3; two hypotheses: done.
        double first = (Math.log(.6) + Math.log(.7)) / 2;
        double second = (Math.log(.3) + Math.log(.5) + Math.log(.7)) / 3;
        assertArrayEquals(new long[][] {{0, 1, 3, PAD}, {0, 2, 1, 3}}, out.sequences());
        assertEquals(first, out.sequencesScores()[0], TOLERANCE);
        assertEquals(second, out.sequencesScores()[1], TOLERANCE);
        assertEquals(3, steps[0]);
    }

    @Test
    void numReturnSequencesOneReturnsTheBestOnly() {
        SearchOutput out =
                search(LIKES_EOS_AFTER_1, new long[] {3}, 4, 1, EarlyStopping.TRUE, new int[1]);
        // the best hypothesis [0,1] is 3 wide with its eos: min(2 + 1, max_length 4)
        assertArrayEquals(new long[][] {{0, 1, 3}}, out.sequences());
        assertEquals(1, out.sequencesScores().length);
    }

    @Test
    void earlyStoppingFalseRunsUntilNoCandidateCanBeatTheWorstHypothesis() {
        int[] trueSteps = {0};
        SearchOutput stopped =
                search(TWO_EARLY_EOS, new long[] {3}, 6, 2, EarlyStopping.TRUE, trueSteps);
        int[] falseSteps = {0};
        SearchOutput heuristic =
                search(TWO_EARLY_EOS, new long[] {3}, 6, 2, EarlyStopping.FALSE, falseSteps);
        // step 2 closes [0,1] (ln.5+ln.95, /2) and [0,2] (ln.4+ln.7, /2): True stops there.
        // False goes on: the best candidate, ln.5+ln.95 over 2 new tokens, beats the worst
        // hypothesis; at step 3 the best candidate (ln.4+ln.25+ln.95)/3 no longer does.
        assertEquals(2, trueSteps[0]);
        assertEquals(3, falseSteps[0]);
        for (SearchOutput out : List.of(stopped, heuristic)) {
            assertArrayEquals(new long[][] {{0, 1, 3}, {0, 2, 3}}, out.sequences());
            assertEquals((Math.log(.5) + Math.log(.95)) / 2, out.sequencesScores()[0], TOLERANCE);
            assertEquals((Math.log(.4) + Math.log(.7)) / 2, out.sequencesScores()[1], TOLERANCE);
        }
    }

    @Test
    void everyEosIdClosesAHypothesisAndTheFirstIsWrittenAfterIt() {
        SearchOutput out =
                search(LIKES_EOS_AFTER_1, new long[] {2, 3}, 3, 2, EarlyStopping.TRUE, new int[1]);
        // 3 * num_beams candidates. Step 1: eos 2 (ln.3) ranks second: hypothesis [0], len 1.
        // Step 2 from [0,1]: eos 3 (ln.6+ln.7) and eos 2 (ln.6+ln.2) rank first and second: two
        // hypotheses [0,1] evict the worse [0] (ln.3 / 1). Both get the first eos id, 2.
        assertArrayEquals(new long[][] {{0, 1, 2}, {0, 1, 2}}, out.sequences());
        assertEquals((Math.log(.6) + Math.log(.7)) / 2, out.sequencesScores()[0], TOLERANCE);
        assertEquals((Math.log(.6) + Math.log(.2)) / 2, out.sequencesScores()[1], TOLERANCE);
    }

    @Test
    void openBeamsAreOfferedAtMaxLength() {
        SearchOutput out =
                search(LIKES_EOS_AFTER_1, new long[] {}, 3, 2, EarlyStopping.TRUE, new int[1]);
        // no eos: after 2 steps the open beams [0,1,3] (ln.6+ln.7) and [0,2,1] (ln.3+ln.5) are
        // the hypotheses, each over 2 new tokens, as wide as max_length
        assertArrayEquals(new long[][] {{0, 1, 3}, {0, 2, 1}}, out.sequences());
        assertEquals((Math.log(.6) + Math.log(.7)) / 2, out.sequencesScores()[0], TOLERANCE);
        assertEquals((Math.log(.3) + Math.log(.5)) / 2, out.sequencesScores()[1], TOLERANCE);
    }

    @Test
    void greedyStopsEachRowAtAnyEosAndPadsIt() {
        TableSession session =
                new TableSession(
                        new long[][] {{START}, {2}},
                        Map.of(
                                0L, new double[] {0, 0.6, 0.3, 0.1},
                                1L, new double[] {0, 0.1, 0.2, 0.7},
                                2L, new double[] {0, 0.2, 0.1, 0.7},
                                3L, new double[] {0, 0.6, 0.3, 0.1}));
        SearchOutput out =
                new RowSearch(
                                List.of(),
                                TokenChooser.argmax(),
                                new Stopping(new long[] {3, 2}, PAD, 10),
                                false)
                        .run(session, TokenListener.NONE);
        // row 0: 1, then eos 3; row 1: eos 3 at once, then the pad id; all rows done after 2 steps
        assertArrayEquals(new long[][] {{0, 1, 3}, {2, 3, PAD}}, out.sequences());
        assertNull(out.sequencesScores());
        assertEquals(2, session.steps());
    }
}
