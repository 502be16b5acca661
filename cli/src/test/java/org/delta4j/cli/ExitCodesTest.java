package org.delta4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.delta4j.Delta4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exit codes: 0 done, 2 wrong arguments (usage on stderr), 1 a failed run (one line of reason on
 * stderr).
 */
class ExitCodesTest {
    @TempDir Path temp;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "bogus",
                "inspect",
                "inspect a b",
                "structure",
                "forward d -o o",
                "forward d --inputs i",
                "forward d --inputs i --text t -o o",
                "inspect --no-such-option d"
            })
    void wrongArgumentsPrintTheUsageAndExit2(String line) {
        Cli.Result run = Cli.run(line.isEmpty() ? new String[0] : line.split(" "));
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("Usage: delta4j"), run::toString);
        assertEquals("", run.out());
    }

    @Test
    void helpAndVersionGoToStandardOutput() {
        Cli.Result help = Cli.run("--help");
        assertEquals(0, help.exitCode(), help::toString);
        for (String command : new String[] {"inspect", "structure", "forward"}) {
            assertTrue(help.out().contains("\n  " + command + " "), help::toString);
        }
        Cli.Result forwardHelp = Cli.run("forward", "--help");
        assertTrue(
                forwardHelp.exitCode() == 0 && forwardHelp.out().contains("--text=TEXT"),
                forwardHelp::toString);
        Cli.Result version = Cli.run("--version");
        assertEquals(0, version.exitCode(), version::toString);
        assertEquals("delta4j " + Delta4j.VERSION + "\n", version.out().replace("\r\n", "\n"));
    }

    @Test
    void missingFolderFailsWithTheReasonAndNoStackTrace() {
        Path missing = temp.resolve("missing");
        for (String command : new String[] {"inspect", "structure"}) {
            Cli.Result run = Cli.run(command, missing.toString());
            assertEquals(1, run.exitCode(), run::toString);
            assertEquals("delta4j " + command + ": " + missing + " does not exist\n", run.err());
        }
    }

    @Test
    void verbosePrintsTheStackTraceBeforeOrAfterTheCommand() {
        String missing = temp.resolve("missing").toString();
        for (String[] line :
                new String[][] {
                    {"--verbose", "inspect", missing}, {"inspect", missing, "--verbose"}
                }) {
            Cli.Result run = Cli.run(line);
            assertEquals(1, run.exitCode(), run::toString);
            assertTrue(
                    run.err()
                            .contains("java.io.IOException: " + missing + " does not exist\n\tat "),
                    run::toString);
        }
    }

    @Test
    void folderWithoutConfigIsNotAModelFolder() {
        Cli.Result run = Cli.run("inspect", temp.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("has no config.json"), run::toString);
    }

    @Test
    void badConfigIsNamed() throws IOException {
        Files.writeString(temp.resolve("config.json"), "{\"model_type\": ");
        Cli.Result run = Cli.run("structure", temp.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(
                run.err()
                        .startsWith(
                                "delta4j structure: "
                                        + temp.resolve("config.json")
                                        + ": not valid JSON"),
                run::toString);
    }

    @Test
    void unsupportedModelTypeIsNamed() throws IOException {
        Files.writeString(
                temp.resolve("config.json"),
                "{\"model_type\": \"falcon\", \"architectures\": [\"X\"]}");
        Cli.Result run = Cli.run("inspect", temp.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("Unsupported model_type \"falcon\""), run::toString);
        assertFalse(run.err().contains("\tat "), run::toString);
    }

    @Test
    void unsupportedArchitectureIsNamed() throws IOException {
        Path fixture = ModelFixtures.anySupported();
        String config = Files.readString(fixture.resolve("config.json"));
        Files.writeString(
                temp.resolve("config.json"),
                config.replaceFirst(
                        "\"architectures\": \\[\\s*\"[^\"]+\"",
                        "\"architectures\": [\"NoSuchModel\""));
        Cli.Result run = Cli.run("structure", temp.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("Unsupported architecture \"NoSuchModel\""), run::toString);
    }

    @Test
    void missingWeightsAreNamed() throws IOException {
        Files.copy(
                ModelFixtures.anySupported().resolve("config.json"), temp.resolve("config.json"));
        Cli.Result run = Cli.run("inspect", temp.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("has no model.safetensors"), run::toString);
    }

    /**
     * A 600-byte config asking for a hundred million layers or a vocabulary of billions once took
     * gigabytes and minutes, then an OutOfMemoryError: now every command fails at once, in one
     * line.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\"num_hidden_layers\": 100000000", "\"vocab_size\": 2000000000"})
    void hugeSizesInAConfigFailFastInOneLine(String size) throws IOException {
        String config =
                "{\"model_type\": \"bert\", \"architectures\": [\"BertModel\"], " + size + "}";
        Files.writeString(temp.resolve("config.json"), config);
        Files.writeString(temp.resolve("inputs.json"), "{\"input_ids\": [[1, 2]]}");
        for (String[] line :
                new String[][] {
                    {"structure", temp.toString()},
                    {"inspect", temp.toString()},
                    {
                        "forward",
                        temp.toString(),
                        "--inputs",
                        temp.resolve("inputs.json").toString(),
                        "-o",
                        temp.resolve("out.safetensors").toString()
                    }
                }) {
            long start = System.nanoTime();
            Cli.Result run = Cli.run(line);
            assertTrue(System.nanoTime() - start < 5_000_000_000L, run::toString);
            assertEquals(1, run.exitCode(), run::toString);
            assertEquals(1, run.err().lines().count(), run::toString);
            assertTrue(run.err().contains("at most "), run::toString);
            assertEquals("", run.out(), run::toString);
        }
    }
}
