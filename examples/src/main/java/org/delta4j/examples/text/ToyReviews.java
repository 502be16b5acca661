package org.delta4j.examples.text;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.delta4j.delta.StateDict;
import org.delta4j.io.Safetensors;
import org.delta4j.models.hf.HfModels;

/**
 * The fine-tuning example's stand-ins, made on the spot so nothing is downloaded: a tiny {@code
 * BertForSequenceClassification} folder (config, weights and a word-level {@code tokenizer.json})
 * and film reviews as text JSONL, labelled 1 when their one opinion word is positive.
 */
final class ToyReviews {
    private static final List<String> SPECIAL = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]");
    private static final List<String> POSITIVE =
            List.of("good", "great", "lovely", "superb", "fine");
    private static final List<String> NEGATIVE = List.of("bad", "awful", "poor", "boring", "dull");
    private static final List<String> NEUTRAL =
            List.of(
                    "the", "film", "movie", "plot", "was", "a", "very", "really", "acting", "story",
                    "and", "it", "ending", "cast", "quite");

    private ToyReviews() {}

    /**
     * Writes a tiny BERT classifier with random weights, as a HF folder with a tokenizer.
     *
     * @param dir the folder to write
     * @return {@code dir}
     * @throws IOException when writing fails
     */
    static Path model(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> words = vocabulary();
        String config =
                "{\"model_type\": \"bert\", \"architectures\": [\"BertForSequenceClassification\"],"
                        + " \"vocab_size\": "
                        + words.size()
                        + ", \"hidden_size\": 64, \"num_hidden_layers\": 2,"
                        + " \"num_attention_heads\": 4, \"intermediate_size\": 128,"
                        + " \"max_position_embeddings\": 32, \"type_vocab_size\": 2,"
                        + " \"hidden_dropout_prob\": 0.0, \"attention_probs_dropout_prob\": 0.0,"
                        + " \"pad_token_id\": 0, \"num_labels\": 2}";
        Files.writeString(dir.resolve("config.json"), config, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("tokenizer.json"), tokenizer(words), StandardCharsets.UTF_8);
        try (NDManager manager = NDManager.newBaseManager()) {
            Safetensors.write(
                    dir.resolve("model.safetensors"),
                    StateDict.of(HfModels.random(HfModels.readConfig(dir), manager, 7)),
                    Map.of("format", "pt"));
        }
        return dir;
    }

    /**
     * Writes reviews as JSONL rows {@code {"text": ..., "label": 0 or 1}}.
     *
     * @param file the file to write
     * @param rows how many
     * @param seed the seed of the words and labels
     * @return {@code file}
     * @throws IOException when writing fails
     */
    static Path reviews(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            boolean positive = random.nextBoolean();
            List<String> text = new ArrayList<>();
            int length = 3 + random.nextInt(6);
            for (int i = 0; i < length; i++) {
                text.add(NEUTRAL.get(random.nextInt(NEUTRAL.size())));
            }
            List<String> opinions = positive ? POSITIVE : NEGATIVE;
            text.add(random.nextInt(length + 1), opinions.get(random.nextInt(opinions.size())));
            JsonObject row = new JsonObject();
            row.addProperty("text", String.join(" ", text));
            row.addProperty("label", positive ? 1 : 0);
            out.append(row).append('\n');
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
        return file;
    }

    private static List<String> vocabulary() {
        List<String> words = new ArrayList<>(SPECIAL);
        words.addAll(POSITIVE);
        words.addAll(NEGATIVE);
        words.addAll(NEUTRAL);
        return words;
    }

    /** A word-level tokenizer: lower-cased, split on whitespace, [CLS] text [SEP], [PAD] pads. */
    private static String tokenizer(List<String> words) {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (String w : words) {
            vocab.put(w, vocab.size());
        }
        JsonObject model = new JsonObject();
        model.addProperty("type", "WordLevel");
        model.addProperty("unk_token", "[UNK]");
        JsonObject ids = new JsonObject();
        vocab.forEach(ids::addProperty);
        model.add("vocab", ids);
        String special =
                "{\"[CLS]\": {\"id\": \"[CLS]\", \"ids\": [2], \"tokens\": [\"[CLS]\"]},"
                        + " \"[SEP]\": {\"id\": \"[SEP]\", \"ids\": [3], \"tokens\": [\"[SEP]\"]}}";
        return "{\"version\": \"1.0\", \"truncation\": null,"
                + " \"padding\": {\"strategy\": \"BatchLongest\", \"direction\": \"Right\","
                + " \"pad_to_multiple_of\": null, \"pad_id\": 0, \"pad_type_id\": 0,"
                + " \"pad_token\": \"[PAD]\"}, \"added_tokens\": [],"
                + " \"normalizer\": {\"type\": \"Lowercase\"}, \"pre_tokenizer\": {\"type\": \"Whitespace\"},"
                + " \"post_processor\": {\"type\": \"TemplateProcessing\","
                + " \"single\": [{\"SpecialToken\": {\"id\": \"[CLS]\", \"type_id\": 0}},"
                + " {\"Sequence\": {\"id\": \"A\", \"type_id\": 0}},"
                + " {\"SpecialToken\": {\"id\": \"[SEP]\", \"type_id\": 0}}],"
                + " \"pair\": [{\"Sequence\": {\"id\": \"A\", \"type_id\": 0}},"
                + " {\"Sequence\": {\"id\": \"B\", \"type_id\": 1}}],"
                + " \"special_tokens\": "
                + special
                + "}, \"decoder\": null, \"model\": "
                + model
                + "}";
    }
}
