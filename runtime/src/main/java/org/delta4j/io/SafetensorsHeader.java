package org.delta4j.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed and checked safetensors header: an 8-byte little-endian length, then a JSON object
 * mapping each tensor name to its dtype, shape and data offsets, with optional string {@code
 * __metadata__}. The check guarantees that every tensor lies inside the file and that the tensors
 * tile the data section exactly (no gaps, no overlaps).
 */
final class SafetensorsHeader {
    /** The largest header safetensors itself accepts. */
    private static final long MAX_HEADER = 100_000_000L;

    private final long dataStart;
    private final Map<String, String> metadata;
    private final Map<String, TensorInfo> tensors;

    private SafetensorsHeader(
            long dataStart, Map<String, String> metadata, Map<String, TensorInfo> tensors) {
        this.dataStart = dataStart;
        this.metadata = Collections.unmodifiableMap(metadata);
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /**
     * @return the file offset of the data section
     */
    long dataStart() {
        return dataStart;
    }

    /**
     * @return the {@code __metadata__} entries, empty when absent
     */
    Map<String, String> metadata() {
        return metadata;
    }

    /**
     * @return the tensors by name, in header order
     */
    Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /**
     * @param file the file, for messages
     * @param channel the open file
     * @return the checked header
     * @throws IOException naming the file and the problem when the header is unreadable or
     *     inconsistent
     */
    static SafetensorsHeader read(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 8) {
            throw problem(
                    file,
                    "the file has " + size + " bytes, too short for the 8-byte header length");
        }
        long headerLength = readFully(file, channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > size - 8) {
            throw problem(
                    file,
                    "the header length "
                            + Long.toUnsignedString(headerLength)
                            + " does not fit the file size "
                            + size
                            + " (truncated or not a safetensors file)");
        }
        ByteBuffer bytes = readFully(file, channel, 8, (int) headerLength);
        String json = StandardCharsets.UTF_8.decode(bytes).toString();
        if (!json.startsWith("{")) {
            throw problem(file, "the header does not start with '{' (not a safetensors file)");
        }
        JsonObject root;
        try {
            root = JsonParser.parseString(json).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw problem(file, "the header is not a valid JSON object: " + e.getMessage());
        }
        long dataStart = 8 + headerLength;
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : root.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                metadata = parseMetadata(file, e.getValue());
            } else {
                tensors.put(
                        e.getKey(), SafetensorsTensorEntry.parse(file, e.getKey(), e.getValue()));
            }
        }
        checkLayout(file, tensors, size - dataStart);
        return new SafetensorsHeader(dataStart, metadata, tensors);
    }

    private static Map<String, String> parseMetadata(Path file, JsonElement value)
            throws IOException {
        if (!value.isJsonObject()) {
            throw problem(file, "__metadata__ is not an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> m : value.getAsJsonObject().entrySet()) {
            JsonElement v = m.getValue();
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                throw problem(file, "__metadata__ value of \"" + m.getKey() + "\" is not a string");
            }
            out.put(m.getKey(), v.getAsString());
        }
        return out;
    }

    /** The tensors, by offset, must tile {@code [0, dataSize)} exactly. */
    private static void checkLayout(Path file, Map<String, TensorInfo> tensors, long dataSize)
            throws IOException {
        List<TensorInfo> byOffset = new ArrayList<>(tensors.values());
        byOffset.sort(
                Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long expected = 0;
        for (TensorInfo t : byOffset) {
            if (t.begin() != expected) {
                throw problem(
                        file,
                        "tensor \""
                                + t.name()
                                + "\" starts at data byte "
                                + t.begin()
                                + ", expected "
                                + expected
                                + (t.begin() < expected
                                        ? " (it overlaps the previous tensor)"
                                        : " (a gap)"));
            }
            expected = t.end();
        }
        if (expected != dataSize) {
            throw problem(
                    file,
                    expected > dataSize
                            ? "the tensors need "
                                    + expected
                                    + " data bytes but the file has "
                                    + dataSize
                                    + " (truncated)"
                            : "the file has "
                                    + (dataSize - expected)
                                    + " bytes after the last tensor");
        }
    }

    private static ByteBuffer readFully(Path file, FileChannel channel, long position, int length)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw problem(file, "unexpected end of file");
            }
        }
        return buffer.flip();
    }

    static IOException problem(Path file, String what) {
        return new IOException("Invalid safetensors file " + file + ": " + what);
    }
}
