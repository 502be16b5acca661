package org.delta4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.delta4j.Delta4j;
import org.delta4j.cli.Subprocess.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code ./delta4j} script, run as a subprocess from the repository root. */
class LauncherTest {
    /** Surefire runs in the module folder, cli/; the script is one level up. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir Path temp;

    @Test
    void runsTheBuiltTool() throws IOException, InterruptedException {
        assumeTrue(
                Files.isDirectory(ROOT.resolve("cli/target/lib")),
                "cli/target/lib is absent (made by mvn package); skipping the launcher test");
        Exit version = Subprocess.run(ROOT.resolve("delta4j"), "--version");
        assertEquals(new Exit(0, "delta4j " + Delta4j.VERSION + "\n"), version);

        Path dir = ModelFixtures.anySupported();
        Exit inspect = Subprocess.run(ROOT.resolve("delta4j"), "inspect", dir.toString());
        assertEquals(0, inspect.code(), inspect.output());
        assertTrue(
                inspect.output().startsWith("root\n")
                        && inspect.output().contains("\nParameters: "),
                inspect.output());
        Subprocess.assertQuietAndPlain(inspect);

        Exit usage = Subprocess.run(ROOT.resolve("delta4j"));
        assertEquals(2, usage.code(), usage.output());
    }

    @Test
    void unbuiltCheckoutAsksForTheSetUp() throws IOException, InterruptedException {
        Path script = Files.copy(ROOT.resolve("delta4j"), temp.resolve("delta4j"));
        assertTrue(script.toFile().setExecutable(true));
        Exit exit = Subprocess.run(script, "--version");
        assertEquals(2, exit.code(), exit.output());
        assertTrue(
                exit.output().contains("mvn -B -q -DskipTests install")
                        && exit.output().lines().count() == 1,
                exit.output());
    }
}
