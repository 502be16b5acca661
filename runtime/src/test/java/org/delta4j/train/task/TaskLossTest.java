package org.delta4j.train.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.delta4j.models.Fixtures;
import org.delta4j.models.hf.HfModels;
import org.delta4j.train.data.Batch;
import org.junit.jupiter.api.Test;

/**
 * Each task's loss as HF's head computes it: which logits meet which labels, and what the decoder
 * of a seq2seq model reads.
 */
class TaskLossTest {
    private static final long[][] IDS = {{5, 6, 7}};
    private static final long[][] MASK = {{1, 1, 1}};

    @Test
    void causalLmPredictsEachNextTokenAndIgnoresMinus100() throws Exception {
        TaskLoss task = TaskLoss.of(built("gpt2_lm_head"));
        assertEquals(Task.CAUSAL_LM, task.task());
        try (NDManager m = NDManager.newBaseManager()) {
            // Position 0 predicts label 1 (1, a hit); position 1 predicts label 2 (-100,
            // ignored); position 2 predicts label 3 (0, a miss); the last predicts nothing.
            NDArray logits = m.create(new float[] {0, 3, 1, 9, 0, 9, 4, 4}, new Shape(1, 4, 2));
            NDArray labels = m.create(new long[][] {{0, 1, -100, 0}});
            float loss = task.loss(named(logits), labels).getFloat();
            double expected = (Math.log(1 + Math.exp(-3)) + Math.log(1 + Math.exp(9))) / 2;
            assertEquals(expected, loss, 1e-6);
            assertEquals(new Accuracy(1, 2), task.accuracy(named(logits), labels));
        }
    }

    @Test
    void classificationIsCrossEntropyOverRowsAndOneLabelIsRegression() throws Exception {
        TaskLoss task = TaskLoss.of(built("bert_for_sequence_classification"));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {0, 0, 2, 0}, new Shape(2, 2));
            float loss = task.loss(named(logits), m.create(new long[] {1, 0})).getFloat();
            double expected = (Math.log(2) + Math.log(1 + Math.exp(-2))) / 2;
            assertEquals(expected, loss, 1e-6);
            NDArray one = m.create(new float[] {1, 3}, new Shape(2, 1));
            NDArray targets = m.create(new float[] {0, 1});
            assertEquals(2.5f, task.loss(named(one), targets).getFloat());
            assertEquals(Accuracy.NONE, task.accuracy(named(one), targets));
        }
    }

    @Test
    void seq2seqFeedsTheDecoderTheLabelsShiftedRightAndScoresEveryLabel() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block bart = HfModels.load(Fixtures.model("bart_for_conditional_generation"), m);
            TaskLoss task = TaskLoss.of(bart);
            assertEquals(Task.SEQ2SEQ_LM, task.task());
            long[][] labels = {{8, 9, -100, -100}};
            Batch batch = new Batch(IDS, MASK, null, labels, null, null);
            NDList inputs = task.inputs(batch.modelInputs(m), batch.labels(m));
            // shift_tokens_right: decoder_start_token_id 2 first, -100 as pad_token_id 1.
            assertArrayEquals(
                    new long[] {2, 8, 9, 1}, inputs.get("decoder_input_ids").toLongArray());
            NDList outputs = bart.forward(new ParameterStore(m, false), inputs, false);
            float[] logits = outputs.get("logits").toFloatArray();
            int vocab = (int) outputs.get("logits").getShape().get(2);
            double expected = (nll(logits, vocab, 0, 8) + nll(logits, vocab, 1, 9)) / 2;
            assertEquals(expected, task.loss(outputs, batch.labels(m)).getFloat(), 1e-5);
        }
    }

    @Test
    void t5ShiftsAfterItsOwnStartToken() throws Exception {
        TaskLoss task = TaskLoss.of(built("t5_for_conditional_generation"));
        try (NDManager m = NDManager.newBaseManager()) {
            Batch batch = new Batch(IDS, MASK, null, new long[][] {{4, -100}}, null, null);
            assertArrayEquals(
                    new long[] {0, 4},
                    task.inputs(batch.modelInputs(m), batch.labels(m))
                            .get("decoder_input_ids")
                            .toLongArray());
        }
    }

    @Test
    void labelsOfAnotherTaskAreRefusedNamingBoth() throws Exception {
        TaskLoss task = TaskLoss.of(built("gpt2_lm_head"));
        try (NDManager m = NDManager.newBaseManager()) {
            Batch rowLabels = new Batch(IDS, MASK, null, null, new long[] {1}, null);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> task.inputs(rowLabels.modelInputs(m), rowLabels.labels(m)));
            assertTrue(e.getMessage().contains("one label per row"), e.getMessage());
            assertTrue(e.getMessage().contains("causal language modelling"), e.getMessage());
        }
    }

    private static double nll(float[] logits, int vocab, int position, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
            max = Math.max(max, logits[position * vocab + v]);
        }
        double sum = 0;
        for (int v = 0; v < vocab; v++) {
            sum += Math.exp(logits[position * vocab + v] - max);
        }
        return max + Math.log(sum) - logits[position * vocab + target];
    }

    private static NDList named(NDArray logits) {
        logits.setName("logits");
        return new NDList(logits);
    }

    private static Block built(String fixture) throws Exception {
        return HfModels.build(HfModels.readConfig(Fixtures.model(fixture)));
    }
}
