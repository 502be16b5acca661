package org.delta4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file whole or not at all: the content goes to a new hidden file beside it, is flushed to
 * disk, and replaces the target in one move. A failure leaves the target as it was.
 */
public final class AtomicFile {
    private AtomicFile() {}

    /** Writes the content of a file through its channel. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out the channel of the new file, positioned at its start
         * @throws IOException when writing fails
         */
        void writeTo(FileChannel out) throws IOException;
    }

    /**
     * @param file the file to write or replace
     * @param content what to write
     * @throws IOException when the file cannot be written; it is then unchanged
     */
    public static void write(Path file, Content content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Siblings.newFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                content.writeTo(out);
                out.force(true);
            }
            try {
                Files.move(
                        temp,
                        file,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * @param file the file to write or replace
     * @param text its content, written as UTF-8
     * @throws IOException when the file cannot be written; it is then unchanged
     */
    public static void writeUtf8(Path file, String text) throws IOException {
        write(file, out -> writeFully(out, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * @param out a channel
     * @param buffer bytes to write, all of them
     * @throws IOException when writing fails
     */
    public static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
