package org.delta4j.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad data file fails with a {@link TrainingDataException} naming the file, the line,
 * the field, what was expected and how to fix it.
 */
class BadRowsTest {
    @TempDir Path temp;

    private TrainingDataException refused(RowRules rules, String... lines) throws IOException {
        Path file = DataFiles.jsonl(temp, lines);
        TrainingDataException e =
                assertThrows(
                        TrainingDataException.class, () -> TrainingRows.read(file, rules, null));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertEquals(file, e.file());
        return e;
    }

    private static void says(TrainingDataException e, int line, String field, String... parts) {
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage() + " should say: " + part);
        }
    }

    @Test
    void aRowWithoutInputIdsOrTextSaysWhatTheTaskReads() throws IOException {
        says(
                refused(DataFiles.CLASSES, "{\"input_ids\": [1], \"labels\": 0}", "{\"ids\": [1]}"),
                2,
                "input_ids",
                "neither \"input_ids\" nor \"text\"",
                "\"input_ids\" and \"labels\" (pre-tokenized) or \"text\" and \"label\"");
        says(
                refused(DataFiles.SEQ2SEQ, "{\"text\": \"a\"}"),
                1,
                "input_ids",
                "\"source\" and \"target\"");
    }

    @Test
    void aRowWithoutItsLabelIsNamed() throws IOException {
        says(
                refused(DataFiles.CLASSES, "{\"input_ids\": [1, 2]}"),
                1,
                "labels",
                "the row has no \"labels\"");
        says(refused(DataFiles.SEQ2SEQ, "{\"input_ids\": [1, 2]}"), 1, "labels", "no \"labels\"");
    }

    @Test
    void aClassOutsideNumLabelsIsRefused() throws IOException {
        says(
                refused(DataFiles.CLASSES, "{\"input_ids\": [1], \"labels\": 2}"),
                1,
                "labels",
                "class 2 is outside 0..1 (num_labels = 2)",
                "set num_labels in config.json");
        says(
                refused(DataFiles.CLASSES, "{\"input_ids\": [1], \"labels\": -1}"),
                1,
                "labels",
                "class -1 is outside");
        says(
                refused(DataFiles.CLASSES, "{\"input_ids\": [1], \"labels\": 0.5}"),
                1,
                "labels",
                "0.5 is not an integer");
        says(
                refused(DataFiles.CLASSES, "{\"input_ids\": [1], \"labels\": [0, 1]}"),
                1,
                "labels",
                "expected a class id from 0 to 1, got a list");
    }

    @Test
    void tokenIdsOutsideTheVocabularyAreRefusedButMinus100LabelsAreNot() throws IOException {
        says(
                refused(DataFiles.CAUSAL, "{\"input_ids\": [1, 10]}"),
                1,
                "input_ids",
                "item 1 is 10, outside the vocabulary 0..9 (vocab_size = 10)");
        says(
                refused(DataFiles.CAUSAL, "{\"input_ids\": [-100, 1]}"),
                1,
                "input_ids",
                "item 0 is -100, outside the vocabulary");
        says(
                refused(DataFiles.SEQ2SEQ, "{\"input_ids\": [1], \"labels\": [-100, -1]}"),
                1,
                "labels",
                "item 1 is -1, outside the vocabulary 0..9 (vocab_size = 10) and not -100",
                "or -100 to ignore a token");
        says(
                refused(DataFiles.CAUSAL, "{\"input_ids\": [1, \"2\"]}"),
                1,
                "input_ids",
                "expected token ids, got the string \"2\"");
    }

    @Test
    void raggedRowsAreRefused() throws IOException {
        says(
                refused(DataFiles.CAUSAL, "{\"input_ids\": [1, 2, 3], \"attention_mask\": [1, 1]}"),
                1,
                "attention_mask",
                "has 2 values but input_ids has 3",
                "one value per token");
        says(
                refused(
                        DataFiles.CLASSES,
                        "{\"input_ids\": [1, 2], \"labels\": 0}",
                        "{\"input_ids\": [1, 2], \"token_type_ids\": [0], \"labels\": 0}"),
                2,
                "token_type_ids",
                "has 1 values but input_ids has 2");
        says(
                refused(DataFiles.CAUSAL, "{\"input_ids\": [1, 2], \"labels\": [1, 2, 3]}"),
                1,
                "labels",
                "has 3 values but input_ids has 2",
                "-100 to ignore it");
    }

    @Test
    void masksAreZeroOrOneAndTokenTypesAreNotNegative() throws IOException {
        says(
                refused(DataFiles.CAUSAL, "{\"input_ids\": [1, 2], \"attention_mask\": [1, 2]}"),
                1,
                "attention_mask",
                "item 1 is 2",
                "1 for a token and 0 for padding");
        says(
                refused(DataFiles.CAUSAL, "{\"input_ids\": [1], \"token_type_ids\": [-1]}"),
                1,
                "token_type_ids",
                "item 0 is -1");
    }

    @Test
    void anEmptyFileOrOneOfBlankLinesHasNoRows() throws IOException {
        says(
                refused(DataFiles.CAUSAL, "", "   ", ""),
                TrainingDataException.WHOLE_FILE,
                null,
                "the file has no rows");
        says(refused(DataFiles.CAUSAL, "{\"input_ids\": []}"), 1, "input_ids", "is empty");
    }

    @Test
    void aPreTokenizedRowLongerThanTheModelTakesIsRefused() throws IOException {
        says(
                refused(DataFiles.CAUSAL, "{\"input_ids\": [1, 1, 1, 1, 1, 1, 1, 1, 1]}"),
                1,
                "input_ids",
                "9 tokens, more than the model takes (8)",
                "shorten the row to at most 8 tokens");
        says(
                refused(
                        DataFiles.SEQ2SEQ,
                        "{\"input_ids\": [1], \"labels\": [1, 1, 1, 1, 1, 1, 1, 1, 1]}"),
                1,
                "labels",
                "9 tokens");
    }

    @Test
    void malformedJsonNamesItsLine() throws IOException {
        says(
                refused(DataFiles.CAUSAL, "{\"input_ids\": [1]}", "{\"input_ids\": [1],}"),
                2,
                null,
                "the line is not valid JSON",
                "one JSON object per line");
        says(refused(DataFiles.CAUSAL, "[1, 2]"), 1, null, "not a JSON object");
        says(refused(DataFiles.CAUSAL, "{\"input_ids\": [1]} {}"), 1, null, "not valid JSON");
    }

    @Test
    void mixedRowKindsAreRefused() throws IOException {
        says(
                refused(DataFiles.CAUSAL, "{\"input_ids\": [1]}", "{\"text\": \"a\"}"),
                2,
                null,
                "the row is text but the rows before it are pre-tokenized (input_ids)");
        says(
                refused(DataFiles.CAUSAL, "{\"input_ids\": [1], \"text\": \"a\"}"),
                1,
                null,
                "both \"input_ids\" and \"text\"");
    }

    @Test
    void aFileThatIsNotUtf8NamesItsLine() throws IOException {
        Path file = temp.resolve("latin1.jsonl");
        byte[] row = "{\"input_ids\": [1]}\n{\"text\": \"caf\u00e9\"}\n".getBytes("ISO-8859-1");
        Files.write(file, row);
        TrainingDataException e =
                assertThrows(
                        TrainingDataException.class,
                        () -> TrainingRows.read(file, DataFiles.CAUSAL, null));
        says(e, 2, null, "not valid UTF-8", "save the file as UTF-8");
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedBeforeItIsHeld() throws IOException {
        Path file = temp.resolve("long.jsonl");
        Files.writeString(
                file, "{\"input_ids\": [1]}\n" + " ".repeat(DataLimits.MAX_LINE_BYTES + 1));
        TrainingDataException e =
                assertThrows(
                        TrainingDataException.class,
                        () -> TrainingRows.read(file, DataFiles.CAUSAL, null));
        says(e, 2, null, "longer than " + DataLimits.MAX_LINE_BYTES + " bytes");
    }

    @Test
    void aFolderInPlaceOfTheFileIsNamed() {
        IOException e =
                assertThrows(
                        IOException.class, () -> TrainingRows.read(temp, DataFiles.CAUSAL, null));
        assertTrue(e.getMessage().contains("is a folder, not a regular file"), e.getMessage());
    }
}
