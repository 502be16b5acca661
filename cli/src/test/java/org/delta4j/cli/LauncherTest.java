package org.delta4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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

    @Test
    void keepsFreedMemoryInTheProcessUnlessTheUserSaysOtherwise()
            throws IOException, InterruptedException {
        Path checkout = temp.resolve("checkout");
        Files.createDirectories(checkout.resolve("cli/target/classes"));
        Files.createDirectories(checkout.resolve("cli/target/lib"));
        Path script = Files.copy(ROOT.resolve("delta4j"), checkout.resolve("delta4j"));
        assertTrue(script.toFile().setExecutable(true));
        // A stand-in java that prints the allocator settings it was started with.
        Path java = Files.createDirectories(temp.resolve("jdk/bin")).resolve("java");
        Files.writeString(
                java,
                "#!/bin/sh\necho \"$MALLOC_ARENA_MAX $MALLOC_MMAP_MAX_ $MALLOC_TRIM_THRESHOLD_\"\n");
        assertTrue(java.toFile().setExecutable(true));

        assertEquals("1 0 68719476736", launch(script, Map.of()));
        assertEquals(
                "4 0 1024",
                launch(script, Map.of("MALLOC_ARENA_MAX", "4", "MALLOC_TRIM_THRESHOLD_", "1024")));
    }

    private String launch(Path script, Map<String, String> allocator)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(script.toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("MALLOC_"));
        env.putAll(allocator);
        env.put("JAVA_HOME", temp.resolve("jdk").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        assertEquals(0, process.waitFor(), output);
        return output;
    }
}
