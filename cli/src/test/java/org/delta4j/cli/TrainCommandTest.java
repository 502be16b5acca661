package org.delta4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.delta4j.io.Safetensors;
import org.delta4j.io.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code delta4j train} beyond the fixture traces: text rows with a tokenizer and a JSON spec, a
 * seq2seq model trained whole, evaluation lines, resuming, and one clear line with exit 1 for each
 * bad input, with nothing written to the output.
 */
class TrainCommandTest {
    private static final String TOKENIZER =
            """
            {"version": "1.0", "truncation": null, "padding": null, "added_tokens": [],
             "normalizer": {"type": "Lowercase"}, "pre_tokenizer": {"type": "Whitespace"},
             "post_processor": {"type": "TemplateProcessing",
               "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                          {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
               "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}],
               "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [1], "tokens": ["[CLS]"]},
                                  "[SEP]": {"id": "[SEP]", "ids": [2], "tokens": ["[SEP]"]}}},
             "decoder": null,
             "model": {"type": "WordLevel", "unk_token": "[UNK]",
                       "vocab": {"[PAD]": 0, "[CLS]": 1, "[SEP]": 2, "[UNK]": 3, "good": 4, "bad": 5,
                                 "film": 6, "a": 7, "very": 8}}}
            """;

    private static final String SPEC =
            """
            {"deltas": [{"deltaType": "lora", "modules": ["query", "value"],
                         "arguments": {"lora_r": 4, "lora_alpha": 8}}],
             "modulesToSave": ["classifier"]}
            """;

    @TempDir Path tmp;

    @Test
    void textRowsWithATokenizerTrainASpecAndEvaluate() throws IOException {
        Path model = copy(ModelFixtures.named("bert_for_sequence_classification"), "bert");
        Files.writeString(model.resolve("tokenizer.json"), TOKENIZER, StandardCharsets.UTF_8);
        Path data =
                write(
                        "train.jsonl",
                        "{\"text\": \"a good film\", \"label\": 1}",
                        "{\"text\": \"a very bad film\", \"label\": 0}",
                        "{\"text\": \"good\", \"label\": 1}");
        Path spec = tmp.resolve("spec.json");
        Files.writeString(spec, SPEC, StandardCharsets.UTF_8);
        Path out = tmp.resolve("out");
        Path log = tmp.resolve("log.jsonl");
        Cli.Result run =
                Cli.run(
                        "train",
                        model.toString(),
                        "--data",
                        data.toString(),
                        "--eval",
                        data.toString(),
                        "--spec",
                        spec.toString(),
                        "--output",
                        out.toString(),
                        "--log",
                        log.toString(),
                        "--batch-size",
                        "2",
                        "--max-steps",
                        "3",
                        "--eval-steps",
                        "2",
                        "--learning-rate",
                        "1e-2");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("sequence classification"), run.out());
        assertTrue(Files.exists(out.resolve("config.json")), "a delta4j checkpoint");
        assertTrue(Files.exists(out.resolve("best").resolve("config.json")), "the best values");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertEquals(
                3,
                lines.stream().filter(l -> l.contains("\"grad_norm\"")).count(),
                lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"eval_accuracy\"")), lines::toString);
        // The checkpoint carries the classifier beside the LoRA factors.
        try (SafetensorsFile weights = Safetensors.open(out.resolve("delta_model.safetensors"))) {
            assertTrue(
                    weights.names().stream().anyMatch(n -> n.startsWith("classifier.")),
                    weights.names()::toString);
            assertTrue(
                    weights.names().stream().anyMatch(n -> n.contains("lora")),
                    weights.names()::toString);
        }

        // Training again from that checkpoint trains exactly what it holds, and saves it in its
        // format.
        Path again = tmp.resolve("again");
        Cli.Result second =
                Cli.run(
                        "train",
                        model.toString(),
                        "--data",
                        data.toString(),
                        "--adapter",
                        out.toString(),
                        "--output",
                        again.toString(),
                        "--batch-size",
                        "2",
                        "--max-steps",
                        "1");
        assertEquals(0, second.exitCode(), second::toString);
        assertTrue(trainedCount(run.out()).matches("\\d+"), run.out());
        assertEquals(trainedCount(run.out()), trainedCount(second.out()), second.out());
        assertTrue(Files.exists(again.resolve("delta_model.safetensors")), "a delta4j checkpoint");
    }

    @Test
    void aSeq2SeqModelTrainsWholeIntoAModelFolder() throws IOException {
        Path model = copy(ModelFixtures.named("bart_for_conditional_generation"), "bart");
        Path data =
                write(
                        "train.jsonl",
                        "{\"input_ids\": [0, 5, 6, 7, 2], \"labels\": [0, 7, 6, 2]}",
                        "{\"input_ids\": [0, 8, 9, 2], \"labels\": [0, 9, 8, 5, 2]}");
        Path out = tmp.resolve("out");
        Cli.Result run =
                Cli.run(
                        "train",
                        model.toString(),
                        "--data",
                        data.toString(),
                        "--full",
                        "--output",
                        out.toString(),
                        "--max-steps",
                        "2",
                        "--batch-size",
                        "2");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("sequence-to-sequence"), run.out());
        try (NDManager manager = NDManager.newBaseManager();
                SafetensorsFile before = Safetensors.open(model.resolve("model.safetensors"));
                SafetensorsFile after = Safetensors.open(out.resolve("model.safetensors"))) {
            String name = "model.encoder.layers.0.fc1.weight";
            assertFalse(
                    Arrays.equals(
                            before.read(name, manager).toFloatArray(),
                            after.read(name, manager).toFloatArray()),
                    "full fine-tuning changed the weights");
        }
        assertTrue(Files.exists(out.resolve("config.json")));
    }

    @Test
    void aResumedRunEndsWithTheSameValuesAndAnotherRunsFolderIsRefused() throws IOException {
        Path model = ModelFixtures.named("bert_for_sequence_classification");
        Path data = write("train.jsonl", rows(6));
        Path adapter =
                ModelFixtures.trainCase("bert_for_sequence_classification__lora_adamw")
                        .resolve("adapter_initial");
        List<String> common =
                List.of(
                        "train",
                        model.toString(),
                        "--data",
                        data.toString(),
                        "--adapter",
                        adapter.toString(),
                        "--max-steps",
                        "3",
                        "--batch-size",
                        "2",
                        "--save-steps",
                        "1");
        Path first = tmp.resolve("first");
        assertEquals(0, Cli.run(with(common, "--output", first.toString())).exitCode());
        Path run = tmp.resolve("first.run");
        assertTrue(Files.isDirectory(run), "the run folder sits next to the output");

        Path resumed = tmp.resolve("resumed");
        Cli.Result again =
                Cli.run(with(common, "--output", resumed.toString(), "--resume", run.toString()));
        assertEquals(0, again.exitCode(), again::toString);
        assertArrayEquals(
                Files.readAllBytes(first.resolve("adapter_model.safetensors")),
                Files.readAllBytes(resumed.resolve("adapter_model.safetensors")));

        Path other = tmp.resolve("other");
        Cli.Result refused =
                Cli.run(
                        with(
                                common,
                                "--output",
                                other.toString(),
                                "--resume",
                                run.toString(),
                                "--learning-rate",
                                "0.5"));
        assertEquals(1, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("learning_rate"), refused.err());
        assertFalse(Files.exists(other), "nothing written to the output");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"labels\": 1}|input_ids",
                "{\"input_ids\": [5, 6], \"labels\": 7}|num_labels",
                "{\"input_ids\": [5, 6], \"attention_mask\": [1], \"labels\": 0}|attention_mask",
                "''|no rows",
            })
    void aBadFileIsOneLineAndExit1WithNothingWritten(String row, String expected)
            throws IOException {
        Path model = ModelFixtures.named("bert_for_sequence_classification");
        Path data = write("bad.jsonl", row.isEmpty() ? new String[0] : new String[] {row});
        Path out = tmp.resolve("out");
        Cli.Result run =
                Cli.run(
                        "train",
                        model.toString(),
                        "--data",
                        data.toString(),
                        "--full",
                        "--output",
                        out.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(tmp.resolve("out.run")));
    }

    @Test
    void anAdapterOfAnotherModelIsRefused() throws IOException {
        Path model = ModelFixtures.named("bert_for_sequence_classification");
        Path adapter =
                ModelFixtures.trainCase("gpt2_lm_head__lora_adamw").resolve("adapter_initial");
        Path out = tmp.resolve("out");
        Cli.Result run =
                Cli.run(
                        "train",
                        model.toString(),
                        "--data",
                        write("t.jsonl", rows(2)).toString(),
                        "--adapter",
                        adapter.toString(),
                        "--output",
                        out.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(1, run.err().lines().count(), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void startingPointsExcludeEachOther() throws IOException {
        Cli.Result run =
                Cli.run(
                        "train",
                        tmp.toString(),
                        "--data",
                        "d.jsonl",
                        "--output",
                        "o",
                        "--full",
                        "--spec",
                        "s.json");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("mutually exclusive"), run.err());
    }

    /** The parameter count a train run prints ("... : N parameters, ..."). */
    private static String trainedCount(String out) {
        return out.replaceAll("(?s).*: (\\d+) parameters,.*", "$1");
    }

    private static String[] rows(int n) {
        String[] rows = new String[n];
        for (int i = 0; i < n; i++) {
            rows[i] =
                    "{\"input_ids\": [2, "
                            + (5 + i)
                            + ", "
                            + (9 + i)
                            + ", 3], \"labels\": "
                            + (i % 2)
                            + "}";
        }
        return rows;
    }

    private static String[] with(List<String> common, String... more) {
        List<String> all = new ArrayList<>(common);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private Path write(String name, String... lines) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(
                file,
                lines.length == 0 ? "" : String.join("\n", lines) + "\n",
                StandardCharsets.UTF_8);
        return file;
    }

    private Path copy(Path fixture, String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.copy(fixture.resolve("config.json"), dir.resolve("config.json"));
        Files.copy(fixture.resolve("model.safetensors"), dir.resolve("model.safetensors"));
        return dir;
    }
}
