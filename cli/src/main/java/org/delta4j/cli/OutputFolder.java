package org.delta4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A folder a command writes, checked up front: it must be new (or empty), so nothing of the user's is replaced. */
final class OutputFolder {
    private OutputFolder() {}

    /**
     * @param out the folder to write
     * @param inputs folders the command reads, which it must not be
     * @return {@code out}
     * @throws IOException when it exists and holds files, is a file, or is one of the inputs
     */
    static Path requireNew(Path out, Path... inputs) throws IOException {
        for (Path in : inputs) {
            if (Files.exists(out) && Files.exists(in) && Files.isSameFile(out, in)) {
                throw new IOException(out + " is also an input; write to a new folder");
            }
        }
        if (Files.isRegularFile(out)) {
            throw new IOException(out + " is a file; give a new folder to write");
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(out + " already exists and is not empty; give a new folder to write");
                }
            }
        }
        return out;
    }
}
