package org.delta4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression: {@code forward -o MODEL/model.safetensors} overwrote the model's weights. No command
 * may write over what it reads, however the path is spelled (symbolic links, {@code ..}, a hard
 * link); each refusal is one line naming the option and the input, with exit code 1, and leaves the
 * input as it was.
 */
class OutputIsNotInputTest {
    @TempDir Path temp;

    private Path model;
    private Path inputs;
    private byte[] weights;

    /** A copy of the BERT fixture, so that a failing check can never damage the shared fixtures. */
    @BeforeEach
    void copyModel() throws IOException {
        Path fixture = ModelFixtures.named("bert");
        model = Files.createDirectory(temp.resolve("bert"));
        for (String name : List.of("config.json", "model.safetensors")) {
            Files.copy(fixture.resolve(name), model.resolve(name));
        }
        inputs = Files.copy(fixture.resolve("inputs.json"), temp.resolve("inputs.json"));
        weights = Files.readAllBytes(model.resolve("model.safetensors"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bert/model.safetensors",
                "bert/../bert/model.safetensors",
                "link/model.safetensors",
                "bert/config.json"
            })
    void forwardRefusesToOverwriteAFileInTheModelFolder(String spelling) throws IOException {
        Files.createSymbolicLink(temp.resolve("link"), model);
        Path output = temp.resolve(spelling);
        Cli.Result run =
                Cli.run(
                        "forward",
                        model.toString(),
                        "--inputs",
                        inputs.toString(),
                        "-o",
                        output.toString());
        assertRefused(
                run,
                "delta4j forward: -o/--output "
                        + output
                        + " would overwrite a file in the model folder "
                        + model
                        + ", which this command reads; write the output elsewhere");
    }

    @Test
    void forwardRefusesItsInputsFileUnderAnyName() throws IOException {
        Path hardLink = Files.createLink(temp.resolve("same-inputs.json"), inputs);
        for (Path output : List.of(inputs, hardLink)) {
            Cli.Result run =
                    Cli.run(
                            "forward",
                            model.toString(),
                            "--inputs",
                            inputs.toString(),
                            "-o",
                            output.toString());
            assertRefused(
                    run,
                    "delta4j forward: -o/--output "
                            + output
                            + " is the inputs file "
                            + inputs
                            + ", which this command reads; write the output elsewhere");
        }
    }

    @Test
    void aNewFileBesideTheModelIsFine() throws IOException {
        Path output = model.resolve("outputs.safetensors");
        Cli.Result run =
                Cli.run(
                        "forward",
                        model.toString(),
                        "--inputs",
                        inputs.toString(),
                        "-o",
                        output.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(Files.isRegularFile(output));
    }

    @Test
    void structureRefusesTheConfigItReadsButMayWriteBesideIt() throws IOException {
        byte[] config = Files.readAllBytes(model.resolve("config.json"));
        Cli.Result run =
                Cli.run(
                        "structure",
                        model.toString(),
                        "-o",
                        model.resolve("config.json").toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(
                "delta4j structure: -o/--output "
                        + model.resolve("config.json")
                        + " is the model config "
                        + model.resolve("config.json")
                        + ", which this command reads; write the output elsewhere",
                run.err().strip());
        assertArrayEquals(config, Files.readAllBytes(model.resolve("config.json")));
        for (int i = 0; i < 2; i++) {
            Cli.Result beside =
                    Cli.run(
                            "structure",
                            model.toString(),
                            "-o",
                            model.resolve("s.json").toString());
            assertEquals(0, beside.exitCode(), beside::toString);
        }
    }

    @Test
    void mergeAndConvertRefuseToWriteOverAnInputFolder() throws IOException {
        Path adapter = ModelFixtures.peftAdapter("bert_lora_query_value_r8");
        for (Path output : List.of(model, temp)) {
            Cli.Result merge =
                    Cli.run(
                            "merge",
                            model.toString(),
                            "--delta",
                            adapter.toString(),
                            "-o",
                            output.toString());
            assertRefused(
                    merge,
                    "delta4j merge: -o/--output "
                            + output
                            + " is or holds the model folder "
                            + model
                            + ", which this command reads; write the output elsewhere");
            Cli.Result convert =
                    Cli.run(
                            "convert",
                            adapter.toString(),
                            "--model",
                            model.toString(),
                            "-o",
                            output.toString());
            assertEquals(1, convert.exitCode(), convert::toString);
            assertTrue(
                    convert.err()
                            .startsWith(
                                    "delta4j convert: -o/--output " + output + " is or holds the "),
                    convert::toString);
        }
    }

    private void assertRefused(Cli.Result run, String message) throws IOException {
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(message, run.err().strip(), run::toString);
        assertArrayEquals(
                weights,
                Files.readAllBytes(model.resolve("model.safetensors")),
                "the weights are intact");
    }
}
