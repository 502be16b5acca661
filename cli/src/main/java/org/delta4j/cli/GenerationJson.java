package org.delta4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.delta4j.generate.GenerationResult;
import org.delta4j.io.AtomicFile;

/**
 * {@code generate}'s output file: HF's {@code sequences}, {@code sequences_scores} for beam search,
 * and the decoded {@code texts} when there is a tokenizer.
 */
final class GenerationJson {
    private GenerationJson() {}

    /**
     * @param file the JSON file, written whole or not at all
     * @param result what generation returned
     * @param texts the decoded sequences, or null without a tokenizer
     * @throws IOException when the file cannot be written
     */
    static void write(Path file, GenerationResult result, List<String> texts) throws IOException {
        JsonObject root = new JsonObject();
        JsonArray sequences = new JsonArray();
        for (long[] row : result.sequences()) {
            JsonArray ids = new JsonArray();
            for (long id : row) {
                ids.add(id);
            }
            sequences.add(ids);
        }
        root.add("sequences", sequences);
        float[] scores = result.sequencesScores();
        if (scores != null) {
            JsonArray array = new JsonArray();
            for (float score : scores) {
                array.add(score);
            }
            root.add("sequences_scores", array);
        }
        if (texts != null) {
            JsonArray array = new JsonArray();
            texts.forEach(array::add);
            root.add("texts", array);
        }
        AtomicFile.writeUtf8(file, root + "\n");
    }
}
