package org.delta4j.train.data;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.delta4j.io.StrictJson;
import org.delta4j.models.text.TextInputs;

/**
 * The rows of a JSONL training or evaluation file, checked against what the model accepts and held
 * unpadded in the file's order.
 *
 * <p>One JSON object per line, blank lines skipped, strict UTF-8. A file holds one kind of row:
 *
 * <ul>
 *   <li>pre-tokenized: {@code input_ids}, optional {@code attention_mask} (0/1, as long; all 1 when
 *       absent) and {@code token_type_ids} (as long), and {@code labels}: a class id (sequence
 *       classification), a number (a classifier with {@code num_labels == 1}: regression),
 *       per-token ids with {@code -100} for ignored tokens (causal LM: as long as the inputs, and
 *       when absent the inputs with {@code -100} where the mask is 0, as HF's language-modelling
 *       collator gives them) or the target ids (seq2seq);
 *   <li>text, tokenized with the model folder's {@code tokenizer.json} (special tokens added):
 *       {@code text} and {@code label} (sequence classification), {@code text} (causal LM), {@code
 *       source} and {@code target} (seq2seq; the target's ids are the labels).
 * </ul>
 *
 * <p>Texts are truncated when a maximum length is given; pre-tokenized rows are used as they are
 * and must fit the model. Every problem is a {@link TrainingDataException} naming the line and the
 * field; a file is bounded by {@link DataLimits}. Once read, the rows are immutable and may be
 * shared by threads.
 */
public final class TrainingRows {
    private final Path file;
    private final RowRules rules;
    private final List<Row> rows;

    private TrainingRows(Path file, RowRules rules, List<Row> rows) {
        this.file = file;
        this.rules = rules;
        this.rows = rows;
    }

    /**
     * Reads a file of pre-tokenized rows, or of text rows without truncation.
     *
     * @param file a JSONL file
     * @param rules what the model accepts
     * @param modelDir the model folder whose {@code tokenizer.json} encodes text rows, or null
     * @return its rows
     * @throws TrainingDataException when a row is wrong, naming the line and the field
     * @throws IOException when the file or the tokenizer cannot be read
     */
    public static TrainingRows read(Path file, RowRules rules, Path modelDir) throws IOException {
        return read(file, rules, modelDir, 0);
    }

    /**
     * @param file a JSONL file
     * @param rules what the model accepts
     * @param modelDir the model folder whose {@code tokenizer.json} encodes text rows, or null
     * @param maxLength the most tokens of an encoded text (each of source and target for seq2seq),
     *     special tokens included; 0 to refuse texts longer than the model takes instead
     * @return its rows
     * @throws IllegalArgumentException when {@code maxLength} is negative or more than the model
     *     takes
     * @throws TrainingDataException when a row is wrong, naming the line and the field
     * @throws IOException when the file or the tokenizer cannot be read
     */
    public static TrainingRows read(Path file, RowRules rules, Path modelDir, int maxLength)
            throws IOException {
        if (maxLength < 0 || maxLength > rules.longestRow()) {
            throw new IllegalArgumentException(
                    "the maximum length must be from 1 to "
                            + rules.longestRow()
                            + " tokens (what the model takes), or 0 for no truncation; got "
                            + maxLength);
        }
        RowParser parser = new RowParser(file, rules);
        List<Row> rows = new ArrayList<>();
        RowParser.Kind kind = null;
        TextInputs tokenizer = null;
        long tokens = 0;
        try (JsonlLines lines = new JsonlLines(file)) {
            for (String text = lines.next(); text != null; text = lines.next()) {
                int line = lines.line();
                if (rows.size() == DataLimits.MAX_ROWS) {
                    throw new TrainingDataException(
                            file,
                            line,
                            null,
                            "the file has more than " + DataLimits.MAX_ROWS + " rows",
                            "split it into files of at most " + DataLimits.MAX_ROWS + " rows");
                }
                JsonElement json = parse(file, line, text);
                RowParser.Kind rowKind = parser.kindOf(json, line);
                if (kind == null) {
                    kind = rowKind;
                    if (kind == RowParser.Kind.TEXT) {
                        tokenizer = tokenizer(file, line, modelDir, maxLength);
                    }
                } else if (rowKind != kind) {
                    throw new TrainingDataException(
                            file,
                            line,
                            null,
                            "the row is "
                                    + rowKind.description()
                                    + " but the rows before it are "
                                    + kind.description(),
                            "give every row of a file in one kind");
                }
                Row row =
                        kind == RowParser.Kind.TEXT
                                ? parser.parseText(json.getAsJsonObject(), line, tokenizer)
                                : parser.parsePreTokenized(json.getAsJsonObject(), line);
                tokens += row.tokens();
                if (tokens > DataLimits.MAX_TOTAL_TOKENS) {
                    throw new TrainingDataException(
                            file,
                            line,
                            null,
                            "the rows so far hold more than "
                                    + DataLimits.MAX_TOTAL_TOKENS
                                    + " tokens",
                            "split the file into smaller ones");
                }
                rows.add(row);
            }
        } finally {
            if (tokenizer != null) {
                tokenizer.close();
            }
        }
        if (rows.isEmpty()) {
            throw new TrainingDataException(
                    file,
                    TrainingDataException.WHOLE_FILE,
                    null,
                    "the file has no rows",
                    "write one JSON object per line");
        }
        return new TrainingRows(file, rules, List.copyOf(rows));
    }

    /**
     * @return the file the rows were read from
     */
    public Path file() {
        return file;
    }

    /**
     * @return what the rows were checked against
     */
    public RowRules rules() {
        return rules;
    }

    /**
     * @return the number of rows, at least 1
     */
    public int size() {
        return rows.size();
    }

    /**
     * @param index from 0 to {@link #size()} - 1
     * @return that row, in the file's order
     */
    Row get(int index) {
        return rows.get(index);
    }

    private static JsonElement parse(Path file, int line, String text)
            throws TrainingDataException {
        try {
            return StrictJson.parse(text);
        } catch (JsonParseException e) {
            throw new TrainingDataException(
                    file,
                    line,
                    null,
                    "the line is not valid JSON (" + e.getMessage() + ")",
                    "write one JSON object per line");
        }
    }

    private static TextInputs tokenizer(Path file, int line, Path modelDir, int maxLength)
            throws IOException {
        if (modelDir == null || !Files.exists(modelDir.resolve(TextInputs.TOKENIZER_FILE))) {
            throw new TrainingDataException(
                    file,
                    line,
                    null,
                    "text rows need the model's tokenizer, and "
                            + (modelDir == null
                                    ? "no model folder was given"
                                    : modelDir + " has no " + TextInputs.TOKENIZER_FILE),
                    "put the model's "
                            + TextInputs.TOKENIZER_FILE
                            + " in its folder, or write pre-tokenized rows with input_ids");
        }
        return maxLength == 0 ? TextInputs.open(modelDir) : TextInputs.open(modelDir, maxLength);
    }
}
