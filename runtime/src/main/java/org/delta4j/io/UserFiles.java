package org.delta4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one way delta4j opens files from a user's folders (configs, weights and their shards,
 * checkpoint indexes, tokenizer files, inputs, delta checkpoints and PEFT adapters). Each must be a
 * regular file: a folder, FIFO, socket or device in its place is an error naming it, never a read
 * that blocks forever or fails with a bare "Is a directory". Text is strict UTF-8, and a name read
 * from a file (a shard in a checkpoint index) cannot lead out of its folder.
 */
public final class UserFiles {
    private UserFiles() {}

    /**
     * @param file a file to read (symbolic links are followed)
     * @return {@code file}
     * @throws java.nio.file.NoSuchFileException when nothing is there
     * @throws IOException when it is not a regular file, saying what it is instead
     */
    public static Path requireRegular(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            String kind =
                    attributes.isDirectory()
                            ? "a folder"
                            : "a special file (a FIFO, socket or device)";
            throw new IOException(
                    file
                            + " is "
                            + kind
                            + ", not a regular file; delta4j reads only regular files");
        }
        return file;
    }

    /**
     * @param file a text file
     * @return its text
     * @throws IOException when it is missing, not a regular file, or not UTF-8 (naming the first
     *     bad byte)
     */
    public static String readUtf8(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(requireRegular(file)));
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer text =
                CharBuffer.allocate(
                        (int) (bytes.remaining() * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(bytes, text, true);
        if (result.isError()) {
            throw new IOException(
                    file
                            + " is not UTF-8 text: the byte at offset "
                            + bytes.position()
                            + " is not valid UTF-8; save it as UTF-8");
        }
        decoder.flush(text);
        return text.flip().toString();
    }

    /**
     * @param file a file to read
     * @return a channel open for reading
     * @throws IOException when it is missing, not a regular file, or cannot be opened
     */
    public static FileChannel openChannel(Path file) throws IOException {
        return FileChannel.open(requireRegular(file), StandardOpenOption.READ);
    }

    /**
     * @param file a file to read
     * @return a stream of its bytes
     * @throws IOException when it is missing, not a regular file, or cannot be opened
     */
    public static InputStream openStream(Path file) throws IOException {
        return Files.newInputStream(requireRegular(file));
    }

    /**
     * A file that another file names as its sibling, such as a shard in a checkpoint index. HF
     * writes plain file names there, so only a plain name is accepted: no folders, no {@code ..},
     * no absolute path, nothing that can point outside the folder. The named file itself may be a
     * symbolic link, as the folder's other files may (HF's cache links every file of a snapshot
     * folder to its blob).
     *
     * @param file the file that names it
     * @param name the name as the file gives it
     * @param source what names it, for error messages, such as {@code INDEX maps "w" to}
     * @return the file beside {@code file}
     * @throws IOException when the name is not a plain file name
     */
    public static Path sibling(Path file, String name, String source) throws IOException {
        String problem = null;
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            problem = "is not a file name";
        } else if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            problem = "is a path, not a plain file name";
        } else {
            try {
                Path path = file.getFileSystem().getPath(name);
                if (path.getRoot() != null || path.getNameCount() != 1) {
                    problem = "is a path, not a plain file name";
                }
            } catch (InvalidPathException e) {
                problem = "is not a valid file name";
            }
        }
        if (problem != null) {
            throw new IOException(
                    source
                            + " \""
                            + name
                            + "\", which "
                            + problem
                            + "; it must name a file in the "
                            + "folder of "
                            + file.getFileName()
                            + " itself");
        }
        return file.resolveSibling(name);
    }
}
