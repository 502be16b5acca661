package org.delta4j.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.delta4j.models.text.TextInputs;
import org.delta4j.train.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text rows of the three tasks, tokenized with a model folder's tokenizer.json. */
class TextRowsTest {
    private static final long PAD = 3;

    @TempDir Path temp;

    private Batch all(RowRules rules, int maxLength, String... lines) throws IOException {
        Path model = DataFiles.tokenizer(Files.createDirectories(temp.resolve("model")));
        TrainingRows rows =
                TrainingRows.read(DataFiles.jsonl(temp, lines), rules, model, maxLength);
        return Batcher.inOrder(rows, rows.size(), PAD).get(0, 0);
    }

    @Test
    void classificationTextsGetSpecialTokensAndTheirLabels() throws IOException {
        Batch batch =
                all(
                        DataFiles.CLASSES,
                        0,
                        "{\"text\": \"A b C\", \"label\": 1}",
                        "{\"text\": \"d\", \"label\": 0}");
        assertArrayEquals(new long[] {1, 4, 5, 6, 2}, batch.inputIds()[0]);
        assertArrayEquals(new long[] {1, 7, 2, PAD, PAD}, batch.inputIds()[1]);
        assertArrayEquals(new long[] {1, 1, 1, 0, 0}, batch.attentionMask()[1]);
        assertArrayEquals(new long[] {1, 0}, batch.classLabels());
    }

    @Test
    void regressionTextsTakeANumberLabel() throws IOException {
        RowRules regression = new RowRules(Task.SEQUENCE_CLASSIFICATION, DataFiles.VOCAB, 8, 1);
        Batch batch = all(regression, 0, "{\"text\": \"a\", \"label\": 4.5}");
        assertArrayEquals(new float[] {4.5f}, batch.regressionTargets());
    }

    @Test
    void causalTextsLearnEveryTokenAndPaddingIsIgnored() throws IOException {
        Batch batch = all(DataFiles.CAUSAL, 0, "{\"text\": \"a b\"}", "{\"text\": \"c\"}");
        assertArrayEquals(new long[] {1, 4, 5, 2}, batch.tokenLabels()[0]);
        assertArrayEquals(new long[] {1, 6, 2, -100}, batch.tokenLabels()[1]);
    }

    @Test
    void seq2seqTargetsAreTokenizedAsLabels() throws IOException {
        Batch batch =
                all(
                        DataFiles.SEQ2SEQ,
                        0,
                        "{\"source\": \"a b c\", \"target\": \"d\"}",
                        "{\"source\": \"e\", \"target\": \"f f\"}");
        assertArrayEquals(new long[] {1, 4, 5, 6, 2}, batch.inputIds()[0]);
        assertArrayEquals(new long[] {1, 7, 2, -100}, batch.tokenLabels()[0]);
        assertArrayEquals(new long[] {1, 9, 9, 2}, batch.tokenLabels()[1]);
    }

    @Test
    void truncationKeepsTheSpecialTokensOfSourceAndTarget() throws IOException {
        Batch batch =
                all(DataFiles.SEQ2SEQ, 4, "{\"source\": \"a b c d e\", \"target\": \"f e d c\"}");
        assertArrayEquals(new long[] {1, 4, 5, 2}, batch.inputIds()[0], "as HF's truncation=True");
        assertArrayEquals(new long[] {1, 9, 8, 2}, batch.tokenLabels()[0]);
    }

    @Test
    void aTextLongerThanTheModelTakesIsRefusedWithoutTruncation() throws IOException {
        TrainingDataException e =
                assertThrows(
                        TrainingDataException.class,
                        () ->
                                all(
                                        DataFiles.CAUSAL,
                                        0,
                                        "{\"text\": \"a\"}",
                                        "{\"text\": \"a b c d e f a\"}"));
        assertEquals(2, e.line());
        assertEquals("text", e.field());
        assertTrue(
                e.getMessage().contains("9 tokens, more than the model takes (8)")
                        && e.getMessage().contains("set a maximum length"),
                e.getMessage());
    }

    @Test
    void aMaximumLengthAboveWhatTheModelTakesIsRefused() throws IOException {
        Path file = DataFiles.jsonl(temp, "{\"text\": \"a\"}");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TrainingRows.read(file, DataFiles.CAUSAL, temp, 9));
        assertTrue(e.getMessage().contains("from 1 to 8 tokens"), e.getMessage());
    }

    @Test
    void aTruncatingTokenizerNeedsAPositiveLength() throws IOException {
        Path model = DataFiles.tokenizer(temp);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TextInputs.open(model, 0));
        assertTrue(e.getMessage().contains("at least 1 token, got 0"), e.getMessage());
    }

    @Test
    void textRowsNeedATokenizer() throws IOException {
        Path file = DataFiles.jsonl(temp, "{\"text\": \"a\", \"label\": 0}");
        TrainingDataException e =
                assertThrows(
                        TrainingDataException.class,
                        () -> TrainingRows.read(file, DataFiles.CLASSES, temp));
        assertEquals(1, e.line());
        assertTrue(
                e.getMessage().contains(temp + " has no tokenizer.json")
                        && e.getMessage().contains("or write pre-tokenized rows"),
                e.getMessage());
        TrainingDataException none =
                assertThrows(
                        TrainingDataException.class,
                        () -> TrainingRows.read(file, DataFiles.CLASSES, null));
        assertTrue(none.getMessage().contains("no model folder was given"), none.getMessage());
    }

    @Test
    void aTokenizerIdOutsideTheModelsVocabularyIsNamed() {
        TrainingDataException e =
                assertThrows(
                        TrainingDataException.class,
                        () -> all(DataFiles.CAUSAL, 0, "{\"text\": \"a big\"}"));
        assertTrue(
                e.getMessage().contains("the tokenizer gives id 12, outside the vocabulary 0..9"),
                e.getMessage());
    }

    @Test
    void aTextThatIsNotAStringIsNamed() {
        TrainingDataException e =
                assertThrows(
                        TrainingDataException.class,
                        () -> all(DataFiles.CLASSES, 0, "{\"text\": [4, 5], \"label\": 0}"));
        assertEquals("text", e.field());
        assertTrue(e.getMessage().contains("expected a string, got a list"), e.getMessage());
    }
}
