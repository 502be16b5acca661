package org.delta4j.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Named pipes (FIFOs), which block a reader until a writer comes: what a reader of user files must
 * refuse.
 */
public final class Fifos {
    /** Far longer than any refusal takes; a read that blocks on a FIFO would never end. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Fifos() {}

    /**
     * Replaces a file (if any) by a FIFO; the calling test is skipped where {@code mkfifo} is
     * unavailable.
     *
     * @param path where to make it
     * @return {@code path}
     */
    public static Path make(Path path) throws IOException, InterruptedException {
        Files.deleteIfExists(path);
        int exit;
        try {
            exit = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor();
        } catch (IOException e) {
            exit = -1;
        }
        assumeTrue(exit == 0 && Files.exists(path), "mkfifo is not available; skipping");
        return path;
    }

    /**
     * @param call what must fail at once rather than block
     * @return what it returned (the caller checks that it is the expected failure)
     */
    public static <T> T withinPatience(ThrowingSupplier<T> call) {
        return assertTimeoutPreemptively(PATIENCE, call, "blocked on a FIFO");
    }
}
