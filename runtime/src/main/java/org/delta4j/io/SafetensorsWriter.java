package org.delta4j.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes safetensors files as HF's library does: tensors in sorted key order, {@code __metadata__}
 * first (with {@code "format": "pt"} unless given, which HF's loader requires), the header padded
 * with spaces to a multiple of 8 bytes so every tensor is aligned. The file is written to a
 * temporary file in the same folder and then moved into place, so a reader never sees half a file;
 * it gets the permissions the umask gives. Float32 arrays may be stored as BF16, rounded to the
 * nearest even as {@code tensor.to(torch.bfloat16)} rounds.
 */
final class SafetensorsWriter {
    private SafetensorsWriter() {}

    static void write(
            Path file,
            Map<String, NDArray> tensors,
            Map<String, String> metadata,
            boolean floatsAsBf16)
            throws IOException {
        Map<String, NDArray> sorted = new TreeMap<>(tensors);
        Map<String, SafetensorsDType> dtypes = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : sorted.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("invalid tensor name \"" + e.getKey() + "\"");
            }
            DataType type = e.getValue().getDataType();
            dtypes.put(
                    e.getKey(),
                    floatsAsBf16 && type == DataType.FLOAT32
                            ? SafetensorsDType.BF16
                            : SafetensorsDType.of(type));
        }
        byte[] header = header(sorted, dtypes, metadata);
        AtomicFile.write(
                file,
                out -> {
                    AtomicFile.writeFully(
                            out,
                            ByteBuffer.allocate(8)
                                    .order(ByteOrder.LITTLE_ENDIAN)
                                    .putLong(header.length)
                                    .flip());
                    AtomicFile.writeFully(out, ByteBuffer.wrap(header));
                    for (Map.Entry<String, NDArray> e : sorted.entrySet()) {
                        ByteBuffer bytes = littleEndianBytes(e.getValue());
                        AtomicFile.writeFully(
                                out,
                                dtypes.get(e.getKey()) == SafetensorsDType.BF16
                                        ? SafetensorsDType.bf16Of(bytes)
                                        : bytes);
                    }
                });
    }

    private static byte[] header(
            Map<String, NDArray> sorted,
            Map<String, SafetensorsDType> dtypes,
            Map<String, String> metadata) {
        JsonObject root = new JsonObject();
        JsonObject meta = new JsonObject();
        meta.addProperty("format", "pt");
        metadata.forEach(meta::addProperty);
        root.add("__metadata__", meta);
        long offset = 0;
        for (Map.Entry<String, NDArray> e : sorted.entrySet()) {
            NDArray array = e.getValue();
            SafetensorsDType dtype = dtypes.get(e.getKey());
            long end = offset + array.size() * dtype.itemSize();
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", dtype.name());
            JsonArray shape = new JsonArray();
            for (long d : array.getShape().getShape()) {
                shape.add(d);
            }
            entry.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(end);
            entry.add("data_offsets", offsets);
            root.add(e.getKey(), entry);
            offset = end;
        }
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        // Pad with spaces so the data section, and with it every tensor, starts 8-byte aligned.
        byte[] padded = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
        Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        return padded;
    }

    private static ByteBuffer littleEndianBytes(NDArray array) {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN
                && array.getDataType().getNumOfBytes() > 1) {
            throw new UnsupportedOperationException(
                    "writing safetensors needs a little-endian platform");
        }
        return array.toByteBuffer(true);
    }
}
