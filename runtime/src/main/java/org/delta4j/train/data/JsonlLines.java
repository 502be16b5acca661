package org.delta4j.train.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.delta4j.io.UserFiles;

/**
 * The non-blank lines of a JSONL file, each strict UTF-8 and never longer than {@link
 * DataLimits#MAX_LINE_BYTES}, so a file without line breaks cannot fill memory. Lines are split on
 * bytes (a newline byte never occurs inside a UTF-8 character) and decoded one by one, so a bad
 * byte is reported on its own line.
 */
final class JsonlLines implements Closeable {
    private final Path file;
    private final InputStream in;
    private final CharsetDecoder decoder =
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[64 * 1024];
    private byte[] pending = new byte[1024];
    private int position;
    private int end;
    private int line;

    /**
     * @param file a JSONL file
     * @throws IOException when it is missing or not a regular file
     */
    JsonlLines(Path file) throws IOException {
        this.file = file;
        this.in = UserFiles.openStream(file);
    }

    /**
     * @return the next line that is not blank, stripped of surrounding white space (a Windows line
     *     end included), or null at the end
     * @throws TrainingDataException when a line is too long or not UTF-8, naming it
     */
    String next() throws IOException {
        while (true) {
            line++;
            int length = readLine();
            if (length < 0) {
                return null;
            }
            String text = decode(length).strip();
            if (!text.isEmpty()) {
                return text;
            }
        }
    }

    /**
     * @return the 1-based number of the line {@link #next()} returned last
     */
    int line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads the current line's bytes into {@code pending}; returns its length, -1 at the end. */
    private int readLine() throws IOException {
        int length = 0;
        while (true) {
            if (position == end) {
                end = in.read(buffer);
                position = 0;
                if (end <= 0) {
                    end = 0;
                    return length == 0 ? -1 : length;
                }
            }
            int start = position;
            while (position < end && buffer[position] != '\n') {
                position++;
            }
            int count = position - start;
            if ((long) length + count > DataLimits.MAX_LINE_BYTES) {
                throw new TrainingDataException(
                        file,
                        line,
                        null,
                        "the line is longer than " + DataLimits.MAX_LINE_BYTES + " bytes",
                        "put one row per line; rows that long are more than a model takes");
            }
            if (length + count > pending.length) {
                pending = Arrays.copyOf(pending, Math.max(length + count, 2 * pending.length));
            }
            System.arraycopy(buffer, start, pending, length, count);
            length += count;
            if (position < end) {
                position++; // the newline
                return length;
            }
        }
    }

    private String decode(int length) throws TrainingDataException {
        try {
            return decoder.decode(ByteBuffer.wrap(pending, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new TrainingDataException(
                    file, line, null, "the line is not valid UTF-8 text", "save the file as UTF-8");
        }
    }
}
