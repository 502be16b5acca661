package org.delta4j.train.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.file.Path;
import java.util.Arrays;
import org.delta4j.models.text.TextInputs;
import org.delta4j.train.task.Losses;
import org.delta4j.train.task.Task;

/**
 * Turns one JSON object of a data file into a {@link Row} for the model's task, checking every
 * field against the {@link RowRules}; each problem is a {@link TrainingDataException} naming the
 * line and the field.
 */
final class RowParser {
    /** How a file gives its rows; one file holds one kind. */
    enum Kind {
        PRE_TOKENIZED("pre-tokenized (input_ids)"),
        TEXT("text");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    private final Path file;
    private final RowRules rules;
    private final String textField;
    private final String textLabelField;

    /** The line being parsed, for messages: a parser reads one file on one thread. */
    private int line;

    /**
     * @param file the data file, for messages
     * @param rules what the model accepts
     */
    RowParser(Path file, RowRules rules) {
        this.file = file;
        this.rules = rules;
        boolean seq2seq = rules.task() == Task.SEQ2SEQ_LM;
        this.textField = seq2seq ? "source" : "text";
        this.textLabelField =
                seq2seq ? "target" : rules.task() == Task.SEQUENCE_CLASSIFICATION ? "label" : null;
    }

    /**
     * @param row a JSON value of the file
     * @param line its 1-based line
     * @return the row's kind
     * @throws TrainingDataException when it is not an object with the fields of one kind
     */
    Kind kindOf(JsonElement row, int line) throws TrainingDataException {
        this.line = line;
        if (!row.isJsonObject()) {
            throw problem(null, "the line is not a JSON object", "write one {...} object per line");
        }
        JsonObject object = row.getAsJsonObject();
        boolean ids = object.has("input_ids");
        boolean text = object.has(textField);
        if (ids && text) {
            throw problem(
                    null,
                    "the row has both \"input_ids\" and \"" + textField + "\"",
                    "give either token ids or text, not both");
        }
        if (!ids && !text) {
            throw problem(
                    "input_ids",
                    "the row has neither \"input_ids\" nor \"" + textField + "\"",
                    "a row for " + rules.task().description() + " has " + expectedFields());
        }
        return ids ? Kind.PRE_TOKENIZED : Kind.TEXT;
    }

    /**
     * @param row a JSON object that {@link #kindOf} accepted
     * @param line its 1-based line
     * @return the row
     * @throws TrainingDataException when a field is missing or wrong
     */
    Row parsePreTokenized(JsonObject row, int line) throws TrainingDataException {
        this.line = line;
        int[] ids = tokenIds(row, "input_ids", false);
        int[] mask = row.has("attention_mask") ? mask(row, ids.length) : ones(ids.length);
        int[] types = row.has("token_type_ids") ? tokenTypes(row, ids.length) : null;
        switch (rules.task()) {
            case SEQUENCE_CLASSIFICATION:
                return withLabel(ids, mask, types, "labels", required(row, "labels"));
            case CAUSAL_LM:
                int[] labels =
                        row.has("labels")
                                ? sameLengthLabels(row, ids.length)
                                : labelsOfInputs(ids, mask);
                return new Row(ids, mask, types, labels, -1, Float.NaN);
            default:
                required(row, "labels");
                return new Row(ids, mask, types, tokenIds(row, "labels", true), -1, Float.NaN);
        }
    }

    /**
     * @param row a JSON object that {@link #kindOf} accepted
     * @param line its 1-based line
     * @param tokenizer the model's tokenizer, truncating when asked to
     * @return the row, tokenized
     * @throws TrainingDataException when a field is missing or wrong
     */
    Row parseText(JsonObject row, int line, TextInputs tokenizer) throws TrainingDataException {
        this.line = line;
        int[] ids = encoded(row, textField, tokenizer);
        int[] mask = ones(ids.length);
        switch (rules.task()) {
            case SEQUENCE_CLASSIFICATION:
                return withLabel(ids, mask, null, textLabelField, required(row, textLabelField));
            case CAUSAL_LM:
                // Rows are never changed once read, so the labels can be the ids themselves.
                return new Row(ids, mask, null, ids, -1, Float.NaN);
            default:
                int[] target = encoded(row, textLabelField, tokenizer);
                return new Row(ids, mask, null, target, -1, Float.NaN);
        }
    }

    private String expectedFields() {
        switch (rules.task()) {
            case SEQUENCE_CLASSIFICATION:
                return "\"input_ids\" and \"labels\" (pre-tokenized) or \"text\" and \"label\"";
            case CAUSAL_LM:
                return "\"input_ids\" (pre-tokenized, optional \"labels\") or \"text\"";
            default:
                return "\"input_ids\" and \"labels\" (pre-tokenized) or \"source\" and \"target\"";
        }
    }

    private Row withLabel(int[] ids, int[] mask, int[] types, String field, JsonElement label)
            throws TrainingDataException {
        if (rules.regression()) {
            double value = number(label, field, "a number (the model has num_labels = 1)");
            if (!Double.isFinite(value) || Math.abs(value) > Float.MAX_VALUE) {
                throw problem(field, value + " is not a finite float", "give a finite number");
            }
            return new Row(ids, mask, types, null, -1, (float) value);
        }
        int numLabels = rules.numLabels();
        String classes = "a class id from 0 to " + (numLabels - 1);
        long id = integer(label, field, classes);
        if (id < 0 || id >= numLabels) {
            throw problem(
                    field,
                    "class "
                            + id
                            + " is outside 0.."
                            + (numLabels - 1)
                            + " (num_labels = "
                            + numLabels
                            + ")",
                    "use class ids from 0 to "
                            + (numLabels - 1)
                            + ", or set num_labels in config.json to the number of classes");
        }
        return new Row(ids, mask, types, null, (int) id, Float.NaN);
    }

    private JsonElement required(JsonObject row, String field) throws TrainingDataException {
        JsonElement value = row.get(field);
        if (value == null || value.isJsonNull()) {
            throw problem(
                    field,
                    "the row has no \"" + field + "\"",
                    "a row for " + rules.task().description() + " has " + expectedFields());
        }
        return value;
    }

    private int[] encoded(JsonObject row, String field, TextInputs tokenizer)
            throws TrainingDataException {
        JsonElement value = required(row, field);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw problem(
                    field, "expected a string, got " + kind(value), "give the text as a string");
        }
        long[] encoded = tokenizer.encodeOne(value.getAsString());
        requireLength(
                field, encoded.length, "the text has ", "truncate texts: set a maximum length");
        int[] ids = new int[encoded.length];
        for (int i = 0; i < ids.length; i++) {
            if (encoded[i] < 0 || encoded[i] >= rules.vocabSize()) {
                throw problem(
                        field,
                        "the tokenizer gives id " + encoded[i] + ", " + outsideVocab(),
                        "use the tokenizer.json that belongs to the model");
            }
            ids[i] = (int) encoded[i];
        }
        return ids;
    }

    private int[] tokenIds(JsonObject row, String field, boolean ignorable)
            throws TrainingDataException {
        JsonArray array = array(row, field);
        requireLength(field, array.size(), "", "shorten the row");
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) {
            long id = integer(array.get(i), field, "token ids");
            boolean valid =
                    (id >= 0 && id < rules.vocabSize()) || (ignorable && id == Losses.IGNORE_INDEX);
            if (!valid) {
                throw problem(
                        field,
                        "item "
                                + i
                                + " is "
                                + id
                                + ", "
                                + outsideVocab()
                                + (ignorable ? " and not -100" : ""),
                        "use the ids of the model's tokenizer"
                                + (ignorable ? ", or -100 to ignore a token" : ""));
            }
            ids[i] = (int) id;
        }
        return ids;
    }

    private int[] mask(JsonObject row, int length) throws TrainingDataException {
        int[] mask = sameLength(row, "attention_mask", length);
        for (int i = 0; i < length; i++) {
            if (mask[i] != 0 && mask[i] != 1) {
                throw problem(
                        "attention_mask",
                        "item " + i + " is " + mask[i],
                        "use 1 for a token and 0 for padding");
            }
        }
        return mask;
    }

    private int[] tokenTypes(JsonObject row, int length) throws TrainingDataException {
        int[] types = sameLength(row, "token_type_ids", length);
        for (int i = 0; i < length; i++) {
            if (types[i] < 0) {
                throw problem(
                        "token_type_ids",
                        "item " + i + " is " + types[i],
                        "use segment ids from 0 (the model's type_vocab_size bounds them)");
            }
        }
        return types;
    }

    private int[] sameLengthLabels(JsonObject row, int length) throws TrainingDataException {
        int[] labels = tokenIds(row, "labels", true);
        requireSameLength(
                "labels",
                labels.length,
                length,
                "give one label per token (-100 to ignore it), or leave "
                        + "\"labels\" out to train on every unmasked token");
        return labels;
    }

    private int[] sameLength(JsonObject row, String field, int length)
            throws TrainingDataException {
        JsonArray array = array(row, field);
        requireSameLength(field, array.size(), length, "give one value per token of input_ids");
        int[] values = new int[length];
        for (int i = 0; i < length; i++) {
            values[i] = (int) integer(array.get(i), field, "integers");
        }
        return values;
    }

    private void requireSameLength(String field, int got, int length, String fix)
            throws TrainingDataException {
        if (got != length) {
            throw problem(field, "has " + got + " values but input_ids has " + length, fix);
        }
    }

    private void requireLength(String field, int length, String what, String fix)
            throws TrainingDataException {
        if (length == 0) {
            throw problem(field, "is empty", "give at least one token");
        }
        if (length > rules.longestRow()) {
            boolean model = rules.longestRow() == rules.maxTokens();
            throw problem(
                    field,
                    what
                            + length
                            + " tokens, more than "
                            + (model ? "the model takes (" : "delta4j keeps in one row (")
                            + rules.longestRow()
                            + ")",
                    fix + " to at most " + rules.longestRow() + " tokens");
        }
    }

    private JsonArray array(JsonObject row, String field) throws TrainingDataException {
        JsonElement value = row.get(field);
        if (value == null || !value.isJsonArray()) {
            throw problem(
                    field, "expected a list of integers, got " + kind(value), "write [1, 2, ...]");
        }
        return value.getAsJsonArray();
    }

    private long integer(JsonElement value, String field, String expected)
            throws TrainingDataException {
        double number = number(value, field, expected);
        if (number != Math.rint(number) || Math.abs(number) > Integer.MAX_VALUE) {
            throw problem(field, number + " is not an integer", "give " + expected);
        }
        return (long) number;
    }

    private double number(JsonElement value, String field, String expected)
            throws TrainingDataException {
        if (value instanceof JsonPrimitive primitive && primitive.isNumber()) {
            return primitive.getAsDouble();
        }
        throw problem(field, "expected " + expected + ", got " + kind(value), "give " + expected);
    }

    private String outsideVocab() {
        return "outside the vocabulary 0.."
                + (rules.vocabSize() - 1)
                + " (vocab_size = "
                + rules.vocabSize()
                + ")";
    }

    private static int[] ones(int length) {
        int[] ones = new int[length];
        Arrays.fill(ones, 1);
        return ones;
    }

    /** HF's causal-LM labels: the inputs, with padding ignored. */
    private static int[] labelsOfInputs(int[] ids, int[] mask) {
        int[] labels = ids.clone();
        for (int i = 0; i < labels.length; i++) {
            if (mask[i] == 0) {
                labels[i] = (int) Losses.IGNORE_INDEX;
            }
        }
        return labels;
    }

    private static String kind(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return "null";
        }
        if (value.isJsonArray()) {
            return "a list";
        }
        if (value.isJsonObject()) {
            return "an object";
        }
        JsonPrimitive primitive = value.getAsJsonPrimitive();
        return primitive.isString()
                ? "the string \"" + abbreviated(primitive.getAsString()) + "\""
                : primitive.isBoolean() ? primitive.getAsString() : "the number " + primitive;
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private TrainingDataException problem(String field, String problem, String fix) {
        return new TrainingDataException(file, line, field, problem, fix);
    }
}
