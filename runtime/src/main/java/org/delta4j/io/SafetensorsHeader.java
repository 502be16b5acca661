package org.delta4j.io;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
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
                tensors.put(e.getKey(), parseTensor(file, e.getKey(), e.getValue()));
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

    private static TensorInfo parseTensor(Path file, String name, JsonElement value)
            throws IOException {
        if (!value.isJsonObject()) {
            throw problem(file, "the entry of tensor \"" + name + "\" is not an object");
        }
        JsonObject o = value.getAsJsonObject();
        JsonElement dtypeName = o.get("dtype");
        if (dtypeName == null || !dtypeName.isJsonPrimitive()) {
            throw problem(file, "tensor \"" + name + "\" has no dtype");
        }
        SafetensorsDType dtype = SafetensorsDType.parse(dtypeName.getAsString());
        if (dtype == null) {
            throw problem(
                    file,
                    "tensor \""
                            + name
                            + "\" has dtype "
                            + dtypeName.getAsString()
                            + ", which delta4j does not read (supported: "
                            + List.of(SafetensorsDType.values())
                            + ")");
        }
        long[] shape = longs(file, name, "shape", o.get("shape"), -1);
        long[] offsets = longs(file, name, "data_offsets", o.get("data_offsets"), 2);
        if (offsets[0] > offsets[1]) {
            throw problem(
                    file,
                    "tensor \"" + name + "\" has data_offsets " + offsets[0] + " > " + offsets[1]);
        }
        long expected;
        try {
            long count = 1;
            for (long d : shape) {
                count = Math.multiplyExact(count, d);
            }
            expected = Math.multiplyExact(count, (long) dtype.itemSize());
        } catch (ArithmeticException e) {
            throw problem(file, "tensor \"" + name + "\" has a shape too large to address");
        }
        if (offsets[1] - offsets[0] != expected) {
            throw problem(
                    file,
                    "tensor \""
                            + name
                            + "\" spans "
                            + (offsets[1] - offsets[0])
                            + " bytes, but "
                            + dtype
                            + " "
                            + new Shape(shape)
                            + " needs "
                            + expected);
        }
        return new TensorInfo(name, dtype, new Shape(shape), offsets[0], offsets[1]);
    }

    /** Non-negative integers; {@code length} -1 for any length. */
    private static long[] longs(
            Path file, String tensor, String field, JsonElement value, int length)
            throws IOException {
        String where = "tensor \"" + tensor + "\" field " + field;
        if (value == null || !value.isJsonArray()) {
            throw problem(file, where + " is missing or not an array");
        }
        JsonArray array = value.getAsJsonArray();
        if (length >= 0 && array.size() != length) {
            throw problem(file, where + " must have " + length + " entries, has " + array.size());
        }
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = array.get(i).getAsJsonPrimitive().getAsBigDecimal().longValueExact();
            } catch (RuntimeException e) {
                throw problem(file, where + " has a non-integer entry " + array.get(i));
            }
            if (out[i] < 0) {
                throw problem(file, where + " has a negative entry " + out[i]);
            }
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
