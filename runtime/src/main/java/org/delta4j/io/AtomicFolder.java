package org.delta4j.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes a folder all at once: its files go into a temporary sibling folder, which then takes the
 * target's place by a rename. A crash or an error leaves the target as it was (an old folder there
 * is kept until the new one is in place). The folder and what the writer creates in it get the
 * permissions the umask gives.
 */
public final class AtomicFolder {
    /** Fills a temporary folder. */
    public interface Writer {
        /**
         * @param tmp the empty temporary folder, beside the target
         * @throws IOException when writing fails; the target is then left as it was
         */
        void writeInto(Path tmp) throws IOException;
    }

    private AtomicFolder() {}

    /**
     * @param target the folder to write; an existing one is replaced whole
     * @param writer fills the temporary folder
     * @throws IOException when writing or the final rename fails; the target is then as it was
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        Path tmp = Siblings.newFolder(parent, "." + abs.getFileName() + ".tmp-");
        Path old = null;
        try {
            writer.writeInto(tmp);
            if (Files.exists(abs)) {
                old = Siblings.newFolder(parent, "." + abs.getFileName() + ".old-");
                Files.delete(old);
                move(abs, old);
            }
            move(tmp, abs);
        } catch (IOException | RuntimeException e) {
            if (old != null && !Files.exists(abs)) {
                move(old, abs);
                old = null;
            }
            deleteTree(tmp);
            throw e;
        }
        if (old != null) {
            deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * Deletes a folder and everything in it (links are deleted, not followed); nothing when it does
     * not exist.
     *
     * @param dir the folder
     * @throws IOException when something in it cannot be deleted
     */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(
                dir,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                            throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException exc)
                            throws IOException {
                        Files.delete(d);
                        return FileVisitResult.CONTINUE;
                    }
                });
    }
}
