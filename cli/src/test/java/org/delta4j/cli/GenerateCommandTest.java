package org.delta4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate}: transformers' {@code generate} output on every generation fixture case whose
 * model delta4j builds, every keyword of the case passed as its flag.
 */
class GenerateCommandTest {
    /**
     * Keywords that are not decoding choices (HF's output switches) or that the CLI always does.
     */
    private static final List<String> NOT_FLAGS =
            List.of("output_scores", "return_dict_in_generate", "use_cache");

    @TempDir Path temp;

    @TestFactory
    Stream<DynamicTest> everyCaseGivesTheFixturesSequences() throws IOException {
        return ModelFixtures.eachGenerateCase(
                dir -> {
                    JsonObject caseJson = ModelFixtures.caseJson(dir);
                    Path model = ModelFixtures.modelOf(dir);
                    Path output = temp.resolve(dir.getFileName() + ".json");
                    List<String> args = new ArrayList<>(List.of("generate", model.toString()));
                    args.addAll(List.of("--inputs", dir.resolve("inputs.json").toString()));
                    args.addAll(List.of("-o", output.toString()));
                    if (Files.isDirectory(dir.resolve("adapter"))) {
                        args.addAll(List.of("--delta", dir.resolve("adapter").toString()));
                    }
                    args.addAll(flags(caseJson.getAsJsonObject("generate_kwargs")));
                    Cli.Result run = Cli.run(args.toArray(String[]::new));
                    assertEquals(0, run.exitCode(), run::toString);
                    JsonObject expected = read(dir.resolve("expected.json"));
                    JsonObject actual = read(output);
                    assertArrayEquals(
                            matrix(expected.getAsJsonArray("sequences")),
                            matrix(actual.getAsJsonArray("sequences")),
                            "sequences");
                    if (expected.has("sequences_scores")) {
                        JsonArray want = expected.getAsJsonArray("sequences_scores");
                        JsonArray got = actual.getAsJsonArray("sequences_scores");
                        assertEquals(want.size(), got.size());
                        for (int i = 0; i < want.size(); i++) {
                            double w = want.get(i).getAsDouble();
                            assertEquals(
                                    w,
                                    got.get(i).getAsDouble(),
                                    1e-5 * Math.max(1, Math.abs(w)),
                                    "sequences_scores[" + i + "]");
                        }
                    } else {
                        assertTrue(!actual.has("sequences_scores"), "greedy has no scores");
                    }
                });
    }

    @Test
    void textIsLeftPaddedForADecoderOnlyModelAndDecodedBack() throws IOException {
        Path dir = withTokenizer(ModelFixtures.named("gpt2_lm_head"));
        // <s> delta tuning for java </s>, and <s> java </s> left-padded with <pad> (id 1).
        Path ids = temp.resolve("ids.json");
        Files.writeString(
                ids,
                "{\"input_ids\": [[0, 4, 5, 6, 7, 2], [1, 1, 1, 0, 7, 2]], "
                        + "\"attention_mask\": [[1, 1, 1, 1, 1, 1], [0, 0, 0, 1, 1, 1]]}");
        Path fromIds = temp.resolve("ids-out.json");
        Path fromText = temp.resolve("text-out.json");
        Cli.Result byIds =
                Cli.run(
                        "generate",
                        dir.toString(),
                        "--inputs",
                        ids.toString(),
                        "-o",
                        fromIds.toString(),
                        "--max-new-tokens",
                        "3");
        Cli.Result byText =
                Cli.run(
                        "generate",
                        dir.toString(),
                        "--text",
                        "delta tuning for java",
                        "--text",
                        "java",
                        "-o",
                        fromText.toString(),
                        "--max-new-tokens",
                        "3");
        assertEquals(0, byIds.exitCode(), byIds::toString);
        assertEquals(0, byText.exitCode(), byText::toString);
        JsonObject a = read(fromIds);
        JsonObject b = read(fromText);
        assertEquals(a.get("sequences"), b.get("sequences"));
        assertEquals(9, b.getAsJsonArray("sequences").get(0).getAsJsonArray().size());
        String first = b.getAsJsonArray("texts").get(0).getAsString();
        assertTrue(first.startsWith("delta tuning for java"), first);
        assertTrue(byText.out().contains(first), byText::toString);
    }

    @Test
    void withoutAnOutputFileTheTextIsPrintedAsItIsGenerated() throws IOException {
        Path dir = withTokenizer(ModelFixtures.named("gpt2_lm_head"));
        Path out = temp.resolve("out.json");
        Cli.Result toFile =
                Cli.run(
                        "generate",
                        dir.toString(),
                        "--text",
                        "delta tuning",
                        "-o",
                        out.toString(),
                        "--max-new-tokens",
                        "4");
        Cli.Result streamed =
                Cli.run(
                        "generate",
                        dir.toString(),
                        "--text",
                        "delta tuning",
                        "--max-new-tokens",
                        "4");
        assertEquals(0, streamed.exitCode(), streamed::toString);
        assertEquals(
                read(out).getAsJsonArray("texts").get(0).getAsString(),
                streamed.out().strip(),
                streamed::toString);
        assertEquals(0, toFile.exitCode(), toFile::toString);
    }

    @Test
    void badInputsGiveOneLine() throws IOException {
        Path gpt2 = ModelFixtures.named("gpt2_lm_head");
        Path inputs = temp.resolve("in.json");
        Files.writeString(inputs, "{\"input_ids\": [[5, 6, 7]]}");
        assertFails(
                "num_return_sequences",
                "generate",
                gpt2.toString(),
                "--inputs",
                inputs.toString(),
                "--num-beams",
                "2",
                "--num-return-sequences",
                "3");
        assertFails(
                "eos_token_id",
                "generate",
                gpt2.toString(),
                "--inputs",
                inputs.toString(),
                "--eos-token-id",
                "5,100000");
        assertFails(
                "do_sample",
                "generate",
                gpt2.toString(),
                "--inputs",
                inputs.toString(),
                "--do-sample",
                "--num-beams",
                "2");
        assertFails(
                "n_positions",
                "generate",
                gpt2.toString(),
                "--inputs",
                inputs.toString(),
                "--max-new-tokens",
                "100000");
        assertFails(
                "cannot generate",
                "generate",
                ModelFixtures.named("bert").toString(),
                "--inputs",
                inputs.toString());
        assertFails(
                "--early-stopping",
                "generate",
                gpt2.toString(),
                "--inputs",
                inputs.toString(),
                "--early-stopping=sometimes");
        Path extra = temp.resolve("extra.json");
        Files.writeString(extra, "{\"input_ids\": [[5]], \"token_type_ids\": [[0]]}");
        assertFails("token_type_ids", "generate", gpt2.toString(), "--inputs", extra.toString());
    }

    private static void assertFails(String named, String... args) {
        Cli.Result run = Cli.run(args);
        assertEquals(1, run.exitCode(), run::toString);
        String err = run.err().strip();
        assertTrue(err.contains(named), run::toString);
        assertEquals(1, err.lines().count(), run::toString);
    }

    /** A copy of a model folder with the test tokenizer (8 words, pad id 1). */
    private Path withTokenizer(Path fixture) throws IOException {
        Path dir = temp.resolve(fixture.getFileName() + "-text");
        Files.createDirectories(dir);
        Files.copy(fixture.resolve("config.json"), dir.resolve("config.json"));
        Files.copy(fixture.resolve("model.safetensors"), dir.resolve("model.safetensors"));
        try (InputStream tokenizer = getClass().getResourceAsStream("tokenizer.json")) {
            Files.copy(tokenizer, dir.resolve("tokenizer.json"));
        }
        return dir;
    }

    /** Each keyword as its flag; a keyword with no flag and a non-default value fails the test. */
    private static List<String> flags(JsonObject kwargs) {
        List<String> flags = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : kwargs.entrySet()) {
            String name = e.getKey();
            JsonElement value = e.getValue();
            if (NOT_FLAGS.contains(name) || value.isJsonNull()) {
                continue;
            }
            String flag = "--" + name.replace('_', '-');
            if (name.equals("min_length")) {
                assumeTrue(value.getAsInt() == 0, "min_length has no flag");
            } else if (name.equals("do_sample")) {
                if (value.getAsBoolean()) {
                    flags.add(flag);
                }
            } else if (name.equals("early_stopping")) {
                flags.add(flag + "=" + value.getAsString().toLowerCase(java.util.Locale.ROOT));
            } else if (value.isJsonArray()) {
                List<String> ids = new ArrayList<>();
                value.getAsJsonArray().forEach(id -> ids.add(id.getAsString()));
                flags.add(flag + "=" + String.join(",", ids));
            } else {
                flags.add(flag + "=" + value.getAsString());
            }
        }
        return flags;
    }

    private static long[][] matrix(JsonArray rows) {
        long[][] out = new long[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonArray row = rows.get(i).getAsJsonArray();
            out[i] = new long[row.size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = row.get(j).getAsLong();
            }
        }
        return out;
    }

    private static JsonObject read(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                .getAsJsonObject();
    }
}
