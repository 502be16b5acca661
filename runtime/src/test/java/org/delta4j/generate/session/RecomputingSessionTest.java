package org.delta4j.generate.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import org.delta4j.models.Fixtures;
import org.delta4j.models.hf.HfModels;
import org.junit.jupiter.api.Test;

/** The recomputing session's bookkeeping and memory. */
class RecomputingSessionTest {
    @Test
    void positionsFollowTheMaskAsTransformersGpt2Rule() {
        assertArrayEquals(
                new long[][] {{1, 1, 0, 1, 2}, {0, 1, 2, 3, 4}},
                RecomputingSession.positions(new long[][] {{0, 0, 1, 1, 1}, {1, 1, 1, 1, 1}}));
    }

    @Test
    void stepsHoldNoArraysAndLeaveTheModelsManagerAsItWas() throws IOException {
        try (NDManager weights = NDManager.newBaseManager()) {
            Block model = HfModels.load(Fixtures.model("gpt2_lm_head"), weights);
            int before = weights.getManagedArrays().size();
            SessionInputs inputs =
                    new SessionInputs(
                            model,
                            ModelKind.DECODER_ONLY,
                            new long[][] {{98, 5, 6}, {7, 8, 9}},
                            new long[][] {{0, 1, 1}, {1, 1, 1}},
                            -1);
            try (RecomputingSession session = new RecomputingSession(inputs)) {
                float[][] logits = session.start();
                assertEquals(99, session.vocabSize());
                for (int step = 0; step < 3; step++) {
                    assertEquals(0, session.heldArrays(), "arrays held after step " + step);
                    session.reorder(new int[] {1, 1});
                    logits = session.next(new long[] {3, 3});
                }
                assertEquals(2, logits.length);
                // after reordering both rows hold row 1's sequence: the same logits
                assertArrayEquals(logits[0], logits[1]);
                assertArrayEquals(new long[] {98, 5, 6}, session.initialSequences()[0]);
            }
            assertEquals(before, weights.getManagedArrays().size());
        }
    }
}
