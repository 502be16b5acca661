package org.delta4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.delta4j.cli.Subprocess.Exit;
import org.junit.jupiter.api.Test;

/**
 * A first run, its output piped: only delta4j's own output, no ANSI colours and none of DJL's log
 * (which otherwise warns twice about the GPU count on a CPU machine and logs the engine's start at
 * INFO); {@code --verbose} brings DJL's log back. Each run is a fresh JVM, as slf4j reads its
 * levels once per process.
 */
class QuietOutputTest {
    @Test
    void inspectPrintsOnlyThePlainGraphAndTable() throws IOException, InterruptedException {
        Path dir = ModelFixtures.anySupported();
        Exit inspect = Subprocess.java(Delta4jCli.class, "inspect", dir.toString());
        assertEquals(0, inspect.code(), inspect.output());
        assertTrue(
                inspect.output().startsWith("root\n")
                        && inspect.output().contains("\nParameters: "),
                inspect.output());
        Subprocess.assertQuietAndPlain(inspect);
    }

    @Test
    void verboseBringsDjlsLogBack() throws IOException, InterruptedException {
        Path dir = ModelFixtures.anySupported();
        Exit inspect = Subprocess.java(Delta4jCli.class, "--verbose", "inspect", dir.toString());
        assertEquals(0, inspect.code(), inspect.output());
        assertTrue(
                inspect.output().matches(Subprocess.DJL_LOG_LINE),
                "no DJL log line:\n" + inspect.output());
    }
}
