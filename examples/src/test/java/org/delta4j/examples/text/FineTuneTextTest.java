package org.delta4j.examples.text;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.delta4j.checkpoint.PeftAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fine-tuning example learns the toy reviews, and its reloaded PEFT adapter scores so too. */
class FineTuneTextTest {
    @TempDir Path tmp;

    @Test
    void learnsTheReviewsAndTheReloadedAdapterScoresTheSame() throws IOException {
        Path model = ToyReviews.model(tmp.resolve("tiny-bert"));
        Path train = ToyReviews.reviews(tmp.resolve("train.jsonl"), 400, 1);
        Path eval = ToyReviews.reviews(tmp.resolve("eval.jsonl"), 100, 2);
        Path out = tmp.resolve("adapter");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        double accuracy =
                FineTuneText.run(
                        model,
                        train,
                        eval,
                        out,
                        new PrintStream(log, true, StandardCharsets.UTF_8));
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(accuracy > 0.9, "accuracy " + accuracy + "\n" + text);
        assertTrue(Files.exists(out.resolve(PeftAdapter.WEIGHTS)), text);
        assertTrue(Files.exists(out.resolve("best").resolve(PeftAdapter.WEIGHTS)), text);
        assertTrue(text.contains("eval accuracy before"), text);
    }
}
