package org.delta4j.train.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.delta4j.models.text.TextInputs;
import org.delta4j.train.task.Task;

/** Files the data tests read: JSONL rows and a tiny word-level tokenizer. */
final class DataFiles {
    /** The tokenizer's vocabulary size. */
    static final int VOCAB = 10;

    /** Classification into two classes, a vocabulary of {@link #VOCAB}, at most 8 tokens. */
    static final RowRules CLASSES = new RowRules(Task.SEQUENCE_CLASSIFICATION, VOCAB, 8, 2);

    /** Causal LM, a vocabulary of {@link #VOCAB}, at most 8 tokens. */
    static final RowRules CAUSAL = new RowRules(Task.CAUSAL_LM, VOCAB, 8, 0);

    /** Seq2seq LM, a vocabulary of {@link #VOCAB}, at most 8 tokens. */
    static final RowRules SEQ2SEQ = new RowRules(Task.SEQ2SEQ_LM, VOCAB, 8, 0);

    /**
     * BERT-style: lower-cased words, [CLS] text [SEP]; [PAD] is 3. Words a..f are ids 4..9, "big"
     * is 12 (outside {@link #VOCAB}, to test the check).
     */
    private static final String TOKENIZER =
            """
            {
              "version": "1.0",
              "truncation": null,
              "padding": {"strategy": "BatchLongest", "direction": "Right", "pad_to_multiple_of": null,
                          "pad_id": 3, "pad_type_id": 0, "pad_token": "[PAD]"},
              "added_tokens": [
                {"id": 0, "content": "[UNK]", "single_word": false, "lstrip": false, "rstrip": false,
                 "normalized": false, "special": true},
                {"id": 1, "content": "[CLS]", "single_word": false, "lstrip": false, "rstrip": false,
                 "normalized": false, "special": true},
                {"id": 2, "content": "[SEP]", "single_word": false, "lstrip": false, "rstrip": false,
                 "normalized": false, "special": true},
                {"id": 3, "content": "[PAD]", "single_word": false, "lstrip": false, "rstrip": false,
                 "normalized": false, "special": true}
              ],
              "normalizer": {"type": "Lowercase"},
              "pre_tokenizer": {"type": "Whitespace"},
              "post_processor": {
                "type": "TemplateProcessing",
                "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                           {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
                "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                         {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                         {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
                "special_tokens": {
                  "[CLS]": {"id": "[CLS]", "ids": [1], "tokens": ["[CLS]"]},
                  "[SEP]": {"id": "[SEP]", "ids": [2], "tokens": ["[SEP]"]}
                }
              },
              "decoder": null,
              "model": {"type": "WordLevel", "unk_token": "[UNK]",
                        "vocab": {"[UNK]": 0, "[CLS]": 1, "[SEP]": 2, "[PAD]": 3, "a": 4, "b": 5, "c": 6,
                                  "d": 7, "e": 8, "f": 9, "big": 12}}
            }
            """;

    private DataFiles() {}

    /**
     * @param dir a folder
     * @param lines the file's lines
     * @return {@code dir/data.jsonl} holding them, one per line
     */
    static Path jsonl(Path dir, String... lines) throws IOException {
        return Files.writeString(
                dir.resolve("data.jsonl"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    /**
     * @param dir a folder
     * @return the folder, now holding the test tokenizer as {@code tokenizer.json}
     */
    static Path tokenizer(Path dir) throws IOException {
        Files.writeString(dir.resolve(TextInputs.TOKENIZER_FILE), TOKENIZER);
        return dir;
    }
}
