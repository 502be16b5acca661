package org.delta4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A folder a command writes, checked up front: it must be new (or empty), so nothing of the user's
 * is replaced.
 */
final class OutputFolder {
    private OutputFolder() {}

    /**
     * @param out the folder to write, already checked against the inputs (see {@link OutputPaths})
     * @return {@code out}
     * @throws IOException when it exists and holds files, or is a file
     */
    static Path requireNew(Path out) throws IOException {
        if (Files.isRegularFile(out)) {
            throw new IOException(out + " is a file; give a new folder to write");
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(
                            out + " already exists and is not empty; give a new folder to write");
                }
            }
        }
        return out;
    }
}
