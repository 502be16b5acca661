package org.delta4j.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import org.delta4j.models.Fixtures;
import org.delta4j.models.hf.HfModels;
import org.delta4j.train.task.Task;
import org.junit.jupiter.api.Test;

/** The rules a model's config sets for its rows. */
class RowRulesTest {
    private static RowRules of(String fixture) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            return RowRules.of(HfModels.load(Fixtures.model(fixture), manager));
        }
    }

    @Test
    void seq2seqModelsTakeTheirPositionLimit() throws IOException {
        assertEquals(
                new RowRules(Task.SEQ2SEQ_LM, 99, 64, 0), of("bart_for_conditional_generation"));
        assertEquals(
                new RowRules(Task.SEQ2SEQ_LM, 99, 512, 0),
                of("t5_for_conditional_generation"),
                "T5: n_positions, 512 when absent");
    }

    @Test
    void aModelWithoutAHeadHasNoRows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> of("bert"));
        assertTrue(e.getMessage().contains("has no head to train"), e.getMessage());
    }

    @Test
    void numLabelsMustFitTheTask() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new RowRules(Task.SEQUENCE_CLASSIFICATION, 10, 8, 0));
        assertThrows(IllegalArgumentException.class, () -> new RowRules(Task.CAUSAL_LM, 10, 8, 2));
        assertThrows(IllegalArgumentException.class, () -> new RowRules(Task.CAUSAL_LM, 0, 8, 0));
    }
}
