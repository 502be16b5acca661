package org.delta4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.delta4j.io.Safetensors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forward}: HF transformers' outputs on every supported fixture, from token ids or from
 * text.
 */
class ForwardCommandTest {
    private static final float TOLERANCE = 1e-5f;

    @TempDir Path temp;

    @TestFactory
    Stream<DynamicTest> outputsAreTheFixturesExpectedOutputs() throws IOException {
        return ModelFixtures.eachSupported(
                dir -> {
                    Path output = temp.resolve(dir.getFileName() + ".safetensors");
                    Cli.Result run =
                            Cli.run(
                                    "forward",
                                    dir.toString(),
                                    "--inputs",
                                    dir.resolve("inputs.json").toString(),
                                    "--output",
                                    output.toString());
                    assertEquals(0, run.exitCode(), run::toString);
                    try (NDManager manager = NDManager.newBaseManager()) {
                        Map<String, NDArray> expected =
                                Safetensors.read(dir.resolve("expected.safetensors"), manager);
                        Map<String, NDArray> actual = Safetensors.read(output, manager);
                        // Every output HF names is written; a model may name more (BERT's
                        // classifier also gives pooler_output).
                        assertTrue(
                                actual.keySet().containsAll(expected.keySet()),
                                "output names " + actual.keySet());
                        expected.forEach(
                                (name, want) -> {
                                    NDArray got = actual.get(name);
                                    assertEquals(want.getShape(), got.getShape(), name);
                                    float diff = ModelFixtures.maxAbsDiff(got, want);
                                    assertTrue(diff <= TOLERANCE, name + " differs by " + diff);
                                    assertTrue(
                                            run.out().contains(name + " " + want.getShape()),
                                            run::toString);
                                });
                    }
                });
    }

    /**
     * {@code --text} gives what {@code --inputs} gives with the same token ids: the tokenizer only
     * makes inputs.
     */
    @TestFactory
    Stream<DynamicTest> textRunsAsItsTokenIds() throws IOException {
        return ModelFixtures.eachSupported(
                fixture -> {
                    Path dir = Files.createDirectories(temp.resolve(fixture.getFileName()));
                    Files.copy(fixture.resolve("config.json"), dir.resolve("config.json"));
                    Files.copy(
                            fixture.resolve("model.safetensors"), dir.resolve("model.safetensors"));
                    try (InputStream tokenizer = getClass().getResourceAsStream("tokenizer.json")) {
                        Files.copy(tokenizer, dir.resolve("tokenizer.json"));
                    }
                    // <s> delta tuning for java </s>, and <s> java </s> padded with <pad> (id 1).
                    Path ids = dir.resolve("ids.json");
                    Files.writeString(
                            ids,
                            "{\"input_ids\": [[0, 4, 5, 6, 7, 2], [0, 7, 2, 1, 1, 1]], "
                                    + "\"attention_mask\": [[1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 0, 0]]}");
                    Cli.Result fromText =
                            Cli.run(
                                    "forward",
                                    dir.toString(),
                                    "--text",
                                    "Delta tuning for Java",
                                    "--text",
                                    "Java",
                                    "-o",
                                    dir.resolve("text.safetensors").toString());
                    Cli.Result fromIds =
                            Cli.run(
                                    "forward",
                                    dir.toString(),
                                    "--inputs",
                                    ids.toString(),
                                    "-o",
                                    dir.resolve("ids.safetensors").toString());
                    // A model that needs more than ids and a mask (T5's decoder ids) fails the same
                    // way from both.
                    assertEquals(
                            fromIds.exitCode(),
                            fromText.exitCode(),
                            () -> fromIds + "\n" + fromText);
                    assertEquals(fromIds.err(), fromText.err());
                    if (fromIds.exitCode() == 0) {
                        assertArrayEquals(
                                Files.readAllBytes(dir.resolve("ids.safetensors")),
                                Files.readAllBytes(dir.resolve("text.safetensors")));
                    }
                });
    }

    @Test
    void textNeedsATokenizer() throws IOException {
        Path dir = ModelFixtures.anySupported();
        Cli.Result run =
                Cli.run(
                        "forward",
                        dir.toString(),
                        "--text",
                        "hello",
                        "-o",
                        temp.resolve("o").toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("has no tokenizer.json"), run::toString);
    }

    /**
     * Regression: these gave a NullPointerException message, "Input length = 1" and "index out of
     * range in self".
     */
    @Test
    void badInputsGiveOneLineNamingTheInputAndTheLimit() throws IOException {
        Path dir = ModelFixtures.named("bert");
        Path inputs = temp.resolve("inputs.json");
        Files.writeString(inputs, "{\"input_ids\": null}");
        assertFails(
                dir,
                inputs,
                "delta4j forward: "
                        + inputs
                        + ": \"input_ids\" must be a matrix of integers such "
                        + "as [[0, 31414, 2]], got null");
        Files.write(inputs, new byte[] {'{', (byte) 0xff, '}'});
        assertFails(
                dir,
                inputs,
                "delta4j forward: "
                        + inputs
                        + " is not UTF-8 text: the byte at offset 1 is not "
                        + "valid UTF-8; save it as UTF-8");
        Files.writeString(inputs, "{\"input_ids\": [[2, 99, 3]]}");
        assertFails(
                dir,
                inputs,
                "delta4j forward: BertModel: input_ids holds 99, outside 0..98 (vocab_size = 99)");
        Files.writeString(inputs, "{\"input_ids\": [[" + "5, ".repeat(64) + "5]]}");
        assertFails(
                dir,
                inputs,
                "delta4j forward: BertModel: input_ids has 65 tokens; it takes at most 64 "
                        + "(max_position_embeddings = 64)");
    }

    /** Regression: a FIFO given as the inputs file blocked the tool for ever. */
    @Test
    void aFifoAsInputsFileIsRefused() throws Exception {
        Path fifo = temp.resolve("inputs.json");
        int made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        assumeTrue(made == 0, "mkfifo is not available; skipping");
        Cli.Result run =
                assertTimeoutPreemptively(
                        Duration.ofSeconds(30),
                        () ->
                                Cli.run(
                                        "forward",
                                        ModelFixtures.named("bert").toString(),
                                        "--inputs",
                                        fifo.toString(),
                                        "-o",
                                        temp.resolve("o").toString()));
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(
                "delta4j forward: "
                        + fifo
                        + " is a special file (a FIFO, socket or device), not a regular "
                        + "file; delta4j reads only regular files",
                run.err().strip());
    }

    private void assertFails(Path dir, Path inputs, String message) {
        Cli.Result run =
                Cli.run(
                        "forward",
                        dir.toString(),
                        "--inputs",
                        inputs.toString(),
                        "-o",
                        temp.resolve("o.safetensors").toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(message, run.err().strip(), run::toString);
    }

    @Test
    void badInputsFileIsNamed() throws IOException {
        Path dir = ModelFixtures.anySupported();
        Path inputs = temp.resolve("inputs.json");
        Files.writeString(inputs, "{\"input_ids\": [[1, 2], [3]]}");
        Cli.Result run =
                Cli.run(
                        "forward",
                        dir.toString(),
                        "--inputs",
                        inputs.toString(),
                        "-o",
                        temp.resolve("o").toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("delta4j forward: " + inputs + ": "), run::toString);
        assertTrue(run.err().contains("different lengths"), run::toString);
        assertTrue(!run.err().contains("\tat "), "no stack trace without --verbose");
    }
}
