package org.delta4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.delta4j.checkpoint.DeltaCheckpoint;
import org.delta4j.checkpoint.PeftAdapter;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.models.hf.HfModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forward --delta [--merge]}, {@code convert} and {@code merge} on PEFT's BERT LoRA fixture
 * ({@code peft/bert_lora_query_value_r8}): PEFT's outputs before and after the merge, conversions
 * that give back PEFT's bytes, a merged folder that runs as a plain model, and clear failures.
 */
class DeltaCommandsTest {
    private static final float TOLERANCE = 1e-5f;

    @TempDir Path temp;

    private Path peft;
    private Path adapter;
    private Path model;
    private Path inputs;

    @BeforeEach
    void setUp() {
        String root = System.getProperty("delta4j.fixtures");
        assumeTrue(root != null, "delta4j.fixtures is not set; skipping");
        peft = Path.of(root, "peft", "bert_lora_query_value_r8");
        assumeTrue(Files.isDirectory(peft), "no PEFT fixture at " + peft + "; skipping");
        adapter = peft.resolve("adapter");
        model = Path.of(root, "models", "bert");
        inputs = peft.resolve("inputs.json");
    }

    @Test
    void forwardWithAPeftAdapterGivesPeftsOutputsMergedOrNot() throws IOException {
        Path out = temp.resolve("out.safetensors");
        Cli.Result run =
                Cli.run(
                        "forward",
                        model.toString(),
                        "--inputs",
                        inputs.toString(),
                        "--delta",
                        adapter.toString(),
                        "-o",
                        out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertOutputs(out, "expected_before_merge.safetensors");
        Cli.Result merged =
                Cli.run(
                        "forward",
                        model.toString(),
                        "--inputs",
                        inputs.toString(),
                        "--delta",
                        adapter.toString(),
                        "--merge",
                        "-o",
                        out.toString());
        assertEquals(0, merged.exitCode(), merged::toString);
        assertOutputs(out, "expected_after_merge.safetensors");
    }

    @Test
    void convertGoesToDelta4jAndBackToPeftsBytes() throws IOException {
        Path ours = temp.resolve("delta4j");
        Cli.Result there =
                Cli.run(
                        "convert",
                        adapter.toString(),
                        "--model",
                        model.toString(),
                        "-o",
                        ours.toString());
        assertEquals(0, there.exitCode(), there::toString);
        assertTrue(there.out().contains("Wrote a delta4j checkpoint to " + ours), there::toString);
        assertTrue(Files.isRegularFile(ours.resolve(DeltaCheckpoint.CONFIG)));

        Path out = temp.resolve("out.safetensors");
        Cli.Result forward =
                Cli.run(
                        "forward",
                        model.toString(),
                        "--inputs",
                        inputs.toString(),
                        "--delta",
                        ours.toString(),
                        "-o",
                        out.toString());
        assertEquals(0, forward.exitCode(), forward::toString);
        assertOutputs(out, "expected_before_merge.safetensors");

        Path back = temp.resolve("peft");
        Cli.Result again =
                Cli.run(
                        "convert",
                        ours.toString(),
                        "--model",
                        model.toString(),
                        "-o",
                        back.toString());
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.out().contains("Wrote a PEFT adapter to " + back), again::toString);
        try (Stream<Path> files = Files.list(back)) {
            assertEquals(
                    List.of(PeftAdapter.CONFIG, PeftAdapter.WEIGHTS),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertArrayEquals(
                Files.readAllBytes(adapter.resolve(PeftAdapter.WEIGHTS)),
                Files.readAllBytes(back.resolve(PeftAdapter.WEIGHTS)));
    }

    @Test
    void mergeWritesAPlainModelFolderThatRunsWithTheMergedOutputs() throws IOException {
        Path merged = temp.resolve("merged");
        Cli.Result run =
                Cli.run(
                        "merge",
                        model.toString(),
                        "--delta",
                        adapter.toString(),
                        "--output",
                        merged.toString());
        assertEquals(0, run.exitCode(), run::toString);
        try (Stream<Path> files = Files.list(merged)) {
            assertEquals(
                    List.of("config.json", "model.safetensors"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Path out = temp.resolve("out.safetensors");
        Cli.Result forward =
                Cli.run(
                        "forward",
                        merged.toString(),
                        "--inputs",
                        inputs.toString(),
                        "-o",
                        out.toString());
        assertEquals(0, forward.exitCode(), forward::toString);
        assertOutputs(out, "expected_after_merge.safetensors");
    }

    @Test
    void failuresAreClearAndWriteNothing() throws IOException {
        Cli.Result noDelta =
                Cli.run(
                        "forward",
                        model.toString(),
                        "--inputs",
                        inputs.toString(),
                        "--merge",
                        "-o",
                        temp.resolve("o").toString());
        assertEquals(2, noDelta.exitCode(), noDelta::toString);
        assertTrue(noDelta.err().contains("--merge needs a --delta"), noDelta::toString);

        Path taken = Files.createDirectories(temp.resolve("taken"));
        Files.writeString(taken.resolve("keep.txt"), "mine");
        Cli.Result exists =
                Cli.run(
                        "merge",
                        model.toString(),
                        "--delta",
                        adapter.toString(),
                        "-o",
                        taken.toString());
        assertEquals(1, exists.exitCode(), exists::toString);
        assertTrue(exists.err().contains("already exists and is not empty"), exists::toString);
        assertEquals("mine", Files.readString(taken.resolve("keep.txt")));

        Cli.Result notADelta =
                Cli.run(
                        "forward",
                        model.toString(),
                        "--inputs",
                        inputs.toString(),
                        "--delta",
                        model.toString(),
                        "-o",
                        temp.resolve("o").toString());
        assertEquals(1, notADelta.exitCode(), notADelta::toString);
        assertTrue(
                notADelta.err().contains("is not a delta folder: it is a HuggingFace model folder"),
                notADelta::toString);
        assertFalse(Files.exists(temp.resolve("o")));

        Path wrongModel = Path.of(System.getProperty("delta4j.fixtures"), "models", "roberta");
        Cli.Result wrong =
                Cli.run(
                        "merge",
                        wrongModel.toString(),
                        "--delta",
                        adapter.toString(),
                        "-o",
                        temp.resolve("m").toString());
        assertEquals(1, wrong.exitCode(), wrong::toString);
        assertTrue(
                wrong.err()
                        .contains(
                                "was trained on a BertModel (its auto_mapping says so), not on this "
                                        + "RobertaModel"),
                wrong::toString);
        assertFalse(Files.exists(temp.resolve("m")));
    }

    /**
     * Only LoRA merges: a delta4j adapter checkpoint is refused by merge and forward --merge, and
     * nothing is written.
     */
    @Test
    void onlyLoraMerges() throws IOException {
        Path adapterCheckpoint = temp.resolve("adapter-ckpt");
        try (NDManager manager = NDManager.newBaseManager()) {
            Block bert = HfModels.load(model, manager);
            Tuning t =
                    TuningSpec.builder()
                            .add(
                                    AdapterSpec.builder()
                                            .modules("output.dense")
                                            .bottleneck(4)
                                            .build())
                            .freeze(FreezeSpec.builder().exclude("deltas").build())
                            .build()
                            .attach(bert);
            DeltaCheckpoint.save(t, adapterCheckpoint);
        }
        Cli.Result merge =
                Cli.run(
                        "merge",
                        model.toString(),
                        "--delta",
                        adapterCheckpoint.toString(),
                        "-o",
                        temp.resolve("m").toString());
        assertEquals(1, merge.exitCode(), merge::toString);
        assertTrue(
                merge.err().contains("Only LoRA deltas merge into the base weights"),
                merge::toString);
        assertFalse(Files.exists(temp.resolve("m")));
        Cli.Result forward =
                Cli.run(
                        "forward",
                        model.toString(),
                        "--inputs",
                        inputs.toString(),
                        "--delta",
                        adapterCheckpoint.toString(),
                        "--merge",
                        "-o",
                        temp.resolve("o").toString());
        assertEquals(1, forward.exitCode(), forward::toString);
        assertFalse(Files.exists(temp.resolve("o")));
        Cli.Result convert =
                Cli.run(
                        "convert",
                        adapterCheckpoint.toString(),
                        "--model",
                        model.toString(),
                        "-o",
                        temp.resolve("p").toString());
        assertEquals(1, convert.exitCode(), convert::toString);
        assertTrue(convert.err().contains("cannot become a PEFT adapter"), convert::toString);
        assertFalse(Files.exists(temp.resolve("p")));
    }

    @Test
    void theNewCommandsAreListed() {
        Cli.Result help = Cli.run("--help");
        for (String command : new String[] {"convert", "merge"}) {
            assertTrue(help.out().contains("\n  " + command + " "), help::toString);
        }
        assertTrue(Cli.run("forward", "--help").out().contains("--delta=DIR"));
    }

    private void assertOutputs(Path out, String expectedFile) throws IOException {
        ModelFixtures.assertOutputsMatch(peft.resolve(expectedFile), out, TOLERANCE);
    }
}
