package org.delta4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.delta4j.Delta4j;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code ./delta4j} script, run as a subprocess from the repository root. */
class LauncherTest {
    /** Surefire runs in the module folder, cli/; the script is one level up. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path temp;

    /** What the subprocess gave: its exit code and its merged standard output and error. */
    private record Exit(int code, String output) {}

    private static Exit run(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the launcher did not finish");
        return new Exit(process.exitValue(), output);
    }

    @Test
    void runsTheBuiltTool() throws IOException, InterruptedException {
        assumeTrue(Files.isDirectory(ROOT.resolve("cli/target/lib")),
                "cli/target/lib is absent (made by mvn package); skipping the launcher test");
        Exit version = run(ROOT.resolve("delta4j"), "--version");
        assertEquals(new Exit(0, "delta4j " + Delta4j.VERSION + "\n"), version);

        Path dir = ModelFixtures.anySupported();
        Exit inspect = run(ROOT.resolve("delta4j"), "inspect", dir.toString());
        assertEquals(0, inspect.code(), inspect.output());
        assertTrue(inspect.output().startsWith("root\n") && inspect.output().contains("\nParameters: "),
                inspect.output());

        Exit usage = run(ROOT.resolve("delta4j"));
        assertEquals(2, usage.code(), usage.output());
    }

    @Test
    void unbuiltCheckoutAsksForTheSetUp() throws IOException, InterruptedException {
        Path script = Files.copy(ROOT.resolve("delta4j"), temp.resolve("delta4j"));
        assertTrue(script.toFile().setExecutable(true));
        Exit exit = run(script, "--version");
        assertEquals(2, exit.code(), exit.output());
        assertTrue(exit.output().contains("mvn -B -q -DskipTests install") && exit.output().lines().count() == 1,
                exit.output());
    }
}
