package org.delta4j.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch sizes, the kept last batch, shuffling by seed and epoch, and equal rows left as they are.
 */
class BatcherTest {
    private static final int ROWS = 10;

    @TempDir Path temp;

    /** Row i holds the one token i (so the order is visible) and class i % 2. */
    private TrainingRows rows;

    @BeforeEach
    void writeRows() throws IOException {
        String[] lines = new String[ROWS];
        for (int i = 0; i < ROWS; i++) {
            lines[i] = "{\"input_ids\": [" + i + "], \"labels\": " + (i % 2) + "}";
        }
        rows = TrainingRows.read(DataFiles.jsonl(temp, lines), DataFiles.CLASSES, null);
    }

    private static List<Integer> epoch(Batcher batcher, int epoch) {
        List<Integer> order = new ArrayList<>();
        for (int b = 0; b < batcher.perEpoch(); b++) {
            Batch batch = batcher.get(epoch, b);
            for (int r = 0; r < batch.rows(); r++) {
                assertEquals(batch.inputIds()[r][0] % 2, batch.classLabels()[r], "labels follow");
                order.add((int) batch.inputIds()[r][0]);
            }
        }
        return order;
    }

    @Test
    void theLastPartialBatchIsKept() {
        Batcher batcher = Batcher.inOrder(rows, 4, 0);
        assertEquals(ROWS, batcher.rows());
        assertEquals(3, batcher.perEpoch());
        assertEquals(
                List.of(4, 4, 2),
                List.of(
                        batcher.get(0, 0).rows(),
                        batcher.get(0, 1).rows(),
                        batcher.get(0, 2).rows()));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), epoch(batcher, 0));
        assertEquals(epoch(batcher, 0), epoch(batcher, 3), "unshuffled: every epoch the same");
    }

    @Test
    void shufflingIsAPermutationFixedBySeedAndEpoch() {
        Batcher batcher = Batcher.shuffled(rows, 3, 0, 42);
        List<Integer> first = epoch(batcher, 0);
        List<Integer> second = epoch(batcher, 1);
        assertEquals(
                List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
                first.stream().sorted().toList(),
                "no row lost or repeated");
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), second.stream().sorted().toList());
        assertFalse(first.equals(second), "epochs differ: " + first);
        assertFalse(first.equals(epoch(Batcher.inOrder(rows, 3, 0), 0)), "shuffled at all");
        Batcher resumed = Batcher.shuffled(rows, 3, 0, 42);
        assertEquals(second, epoch(resumed, 1), "a resumed run reads epoch 1 alike");
        assertEquals(first, epoch(resumed, 0), "and epoch 0, asked for after it");
        assertFalse(first.equals(epoch(Batcher.shuffled(rows, 3, 0, 43), 0)), "seeds differ");
    }

    @Test
    void aResumedRunReadsTheSameBatchAnywhereInAnEpoch() {
        Batcher run = Batcher.shuffled(rows, 3, 0, 7);
        Batcher resumed = Batcher.shuffled(rows, 3, 0, 7);
        assertArrayEquals(run.get(5, 2).inputIds(), resumed.get(5, 2).inputIds());
    }

    @Test
    void rowsOfEqualLengthPassThroughUnchanged() throws IOException {
        TrainingRows padded =
                TrainingRows.read(
                        DataFiles.jsonl(
                                temp,
                                "{\"input_ids\": [4, 5, 9], \"attention_mask\": [1, 1, 0],"
                                        + " \"labels\": [4, 5, -100]}",
                                "{\"input_ids\": [6, 7, 8], \"labels\": [6, -100, 8]}"),
                        DataFiles.CAUSAL,
                        null);
        Batch batch = Batcher.inOrder(padded, 2, 3).get(0, 0);
        assertArrayEquals(
                new long[][] {{4, 5, 9}, {6, 7, 8}},
                batch.inputIds(),
                "the given padding (9) is kept, not replaced by the pad id");
        assertArrayEquals(new long[][] {{1, 1, 0}, {1, 1, 1}}, batch.attentionMask());
        assertArrayEquals(new long[][] {{4, 5, -100}, {6, -100, 8}}, batch.tokenLabels());
    }

    @Test
    void outOfRangeArgumentsAreNamed() {
        Batcher batcher = Batcher.inOrder(rows, 4, 0);
        IndexOutOfBoundsException e =
                assertThrows(IndexOutOfBoundsException.class, () -> batcher.get(0, 3));
        assertTrue(e.getMessage().contains("batches 0..2"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> batcher.get(-1, 0));
        IllegalArgumentException size =
                assertThrows(IllegalArgumentException.class, () -> Batcher.inOrder(rows, 0, 0));
        assertTrue(size.getMessage().contains("batch size must be at least 1"), size.getMessage());
        IllegalArgumentException pad =
                assertThrows(IllegalArgumentException.class, () -> Batcher.inOrder(rows, 2, 10));
        assertTrue(
                pad.getMessage().contains("pad id 10 is outside the vocabulary 0..9"),
                pad.getMessage());
    }
}
