package org.delta4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.io.Safetensors;
import org.delta4j.spec.ModelStructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --base}: a checkpoint saved with a head delta4j does not build runs as its base model. The
 * folder is the BERT classifier fixture relabelled {@code BertForMaskedLM}: base weights under
 * {@code bert.}, plus a head.
 */
class BaseModelOptionTest {
    private static final String FIXTURE = "bert_for_sequence_classification";

    @TempDir Path temp;

    private Path fixture;
    private Path dir;

    @BeforeEach
    void relabel() throws IOException {
        fixture = ModelFixtures.named(FIXTURE);
        dir = Files.createDirectories(temp.resolve("masked-lm"));
        Files.writeString(
                dir.resolve("config.json"),
                Files.readString(fixture.resolve("config.json"))
                        .replace("\"BertForSequenceClassification\"", "\"BertForMaskedLM\""));
        Files.copy(fixture.resolve("model.safetensors"), dir.resolve("model.safetensors"));
    }

    @Test
    void withoutItTheErrorPointsAtIt() {
        Cli.Result run = Cli.run("inspect", dir.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(
                run.err().contains("BertForMaskedLM") && run.err().contains("--base"),
                run::toString);
    }

    @Test
    void inspectShowsTheBaseModel() {
        Cli.Result run = Cli.run("inspect", "--base", dir.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(
                run.out().contains("── embeddings") && run.out().contains("── pooler"),
                run::toString);
        assertTrue(!run.out().contains("classifier"), run::toString);
    }

    @Test
    void structureListsTheBaseModulesFromTheConfig() throws IOException {
        Cli.Result run = Cli.run("structure", "--base", dir.toString());
        assertEquals(0, run.exitCode(), run::toString);
        List<String> base = new ArrayList<>();
        for (String name : ModelFixtures.names(fixture, "# named_modules")) {
            if (name.equals("bert")) {
                base.add("");
            } else if (name.startsWith("bert.")) {
                base.add(name.substring("bert.".length()));
            }
        }
        List<String> paths = new ArrayList<>(ModelStructure.fromJson(run.out()).paths());
        paths.retainAll(base);
        assertEquals(base, paths);
    }

    @Test
    void forwardGivesTheFullModelsHiddenStates() throws IOException {
        Path output = temp.resolve("out.safetensors");
        Cli.Result run =
                Cli.run(
                        "forward",
                        "--base",
                        dir.toString(),
                        "--inputs",
                        fixture.resolve("inputs.json").toString(),
                        "-o",
                        output.toString());
        assertEquals(0, run.exitCode(), run::toString);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray want =
                    Safetensors.read(fixture.resolve("expected.safetensors"), manager)
                            .get("last_hidden_state");
            NDArray got = Safetensors.read(output, manager).get("last_hidden_state");
            assertEquals(want.getShape(), got.getShape());
            float diff = ModelFixtures.maxAbsDiff(got, want);
            assertTrue(diff <= 1e-5f, "last_hidden_state differs by " + diff);
        }
    }

    /**
     * Regression: --base on a checkpoint saved without a pooler wrote a pooler_output from random
     * weights without a word; the output is now left out, and said so. Without --base the error
     * points at it.
     */
    @Test
    void aPoolerTheFolderLacksGivesNoOutput() throws IOException {
        Path weights = dir.resolve("model.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> kept = new LinkedHashMap<>(Safetensors.read(weights, manager));
            kept.keySet().removeIf(k -> k.startsWith("bert.pooler."));
            Safetensors.write(weights, kept, Map.of());
        }
        Path output = temp.resolve("out.safetensors");
        Cli.Result run =
                Cli.run(
                        "forward",
                        "--base",
                        dir.toString(),
                        "--inputs",
                        fixture.resolve("inputs.json").toString(),
                        "-o",
                        output.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(
                run.out()
                        .contains(
                                "Left out pooler_output: "
                                        + dir
                                        + " has no weights for it (pooler.dense.weight, "
                                        + "pooler.dense.bias would be random)"),
                run::toString);
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(
                    List.of("last_hidden_state"),
                    List.copyOf(Safetensors.read(output, manager).keySet()));
        }
        Files.writeString(
                dir.resolve("config.json"),
                Files.readString(dir.resolve("config.json"))
                        .replace("\"BertForMaskedLM\"", "\"BertModel\""));
        Path base = Files.createDirectories(temp.resolve("base"));
        Files.copy(dir.resolve("config.json"), base.resolve("config.json"));
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> unprefixed = new LinkedHashMap<>();
            Safetensors.read(weights, manager)
                    .forEach((k, v) -> unprefixed.put(k.substring("bert.".length()), v));
            unprefixed
                    .keySet()
                    .removeIf(k -> !k.startsWith("embeddings.") && !k.startsWith("encoder."));
            Safetensors.write(base.resolve("model.safetensors"), unprefixed, Map.of());
        }
        Cli.Result inspect = Cli.run("inspect", base.toString());
        assertEquals(1, inspect.exitCode(), inspect::toString);
        assertTrue(
                inspect.err().contains("has no weights for BertModel's pooler")
                        && inspect.err().contains("--base"),
                inspect::toString);
    }
}
