package org.delta4j.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.delta4j.train.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pre-tokenized rows of the three tasks, read and padded into one batch. */
class PreTokenizedRowsTest {
    private static final long PAD = 3;

    @TempDir Path temp;

    private Batch all(RowRules rules, String... lines) throws IOException {
        TrainingRows rows = TrainingRows.read(DataFiles.jsonl(temp, lines), rules, null);
        return Batcher.inOrder(rows, rows.size(), PAD).get(0, 0);
    }

    @Test
    void classificationRowsArePaddedWithTheirClassIds() throws IOException {
        Batch batch =
                all(
                        DataFiles.CLASSES,
                        "{\"input_ids\": [1, 4, 5, 2], \"token_type_ids\": [0, 0, 1, 1], \"labels\": 1}",
                        "",
                        "  ",
                        "{\"input_ids\": [1, 6, 2], \"attention_mask\": [1, 1, 1], \"labels\": 0,"
                                + " \"idx\": 7}");
        assertArrayEquals(new long[] {1, 4, 5, 2}, batch.inputIds()[0]);
        assertArrayEquals(new long[] {1, 6, 2, PAD}, batch.inputIds()[1], "the pad id pads");
        assertArrayEquals(new long[] {1, 1, 1, 1}, batch.attentionMask()[0], "no mask: all 1");
        assertArrayEquals(new long[] {1, 1, 1, 0}, batch.attentionMask()[1]);
        assertArrayEquals(new long[] {0, 0, 1, 1}, batch.tokenTypeIds()[0]);
        assertArrayEquals(
                new long[] {0, 0, 0, 0}, batch.tokenTypeIds()[1], "a row without types gets 0s");
        assertArrayEquals(new long[] {1, 0}, batch.classLabels());
        assertNull(batch.tokenLabels());
    }

    @Test
    void aClassifierWithOneLabelRegresses() throws IOException {
        RowRules regression = new RowRules(Task.SEQUENCE_CLASSIFICATION, DataFiles.VOCAB, 8, 1);
        Batch batch =
                all(
                        regression,
                        "{\"input_ids\": [1, 2], \"labels\": 0.25}",
                        "{\"input_ids\": [1, 2], \"labels\": -3}");
        assertArrayEquals(new float[] {0.25f, -3f}, batch.regressionTargets());
        assertNull(batch.classLabels());
        assertNull(batch.tokenTypeIds(), "no row has token types");
    }

    @Test
    void causalRowsWithoutLabelsLearnTheirUnmaskedInputs() throws IOException {
        Batch batch =
                all(
                        DataFiles.CAUSAL,
                        "{\"input_ids\": [4, 5, 6, 3], \"attention_mask\": [1, 1, 1, 0]}",
                        "{\"input_ids\": [7, 8], \"labels\": [-100, 8]}");
        assertArrayEquals(new long[] {4, 5, 6, -100}, batch.tokenLabels()[0]);
        assertArrayEquals(
                new long[] {-100, 8, -100, -100}, batch.tokenLabels()[1], "given labels, padded");
        assertArrayEquals(new long[] {7, 8, PAD, PAD}, batch.inputIds()[1]);
        assertArrayEquals(new long[] {1, 1, 0, 0}, batch.attentionMask()[1]);
    }

    @Test
    void seq2seqTargetsArePaddedToTheLongestTarget() throws IOException {
        Batch batch =
                all(
                        DataFiles.SEQ2SEQ,
                        "{\"input_ids\": [4, 5, 6, 7, 2], \"labels\": [8, 2]}",
                        "{\"input_ids\": [4, 2], \"labels\": [9, 9, -100, 2]}");
        assertEquals(5, batch.length());
        assertArrayEquals(new long[] {8, 2, -100, -100}, batch.tokenLabels()[0]);
        assertArrayEquals(new long[] {9, 9, -100, 2}, batch.tokenLabels()[1]);
        assertArrayEquals(new long[] {4, 2, PAD, PAD, PAD}, batch.inputIds()[1]);
    }

    @Test
    void windowsLineEndsAndAMissingFinalLineBreakAreRead() throws IOException {
        Path file =
                Files.writeString(
                        temp.resolve("crlf.jsonl"),
                        "{\"input_ids\": [1, 2], \"labels\": 0}\r\n{\"input_ids\": [1], \"labels\": 1}");
        TrainingRows rows = TrainingRows.read(file, DataFiles.CLASSES, null);
        assertEquals(2, rows.size());
        assertArrayEquals(new long[] {0, 1}, Batcher.inOrder(rows, 2, PAD).get(0, 0).classLabels());
    }
}
