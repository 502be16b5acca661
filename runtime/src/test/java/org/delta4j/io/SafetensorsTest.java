package org.delta4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir Path temp;

    /** Writes a file by hand: the header JSON as given, then the data bytes. */
    private Path handWritten(String name, String header, byte[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b =
                ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json).put(data);
        Path file = temp.resolve(name);
        Files.write(file, b.array());
        return file;
    }

    private static String entry(String dtype, String shape, long begin, long end) {
        return "{\"dtype\": \""
                + dtype
                + "\", \"shape\": "
                + shape
                + ", \"data_offsets\": ["
                + begin
                + ", "
                + end
                + "]}";
    }

    @Test
    void everyDtypeRoundTrips() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            tensors.put("f64", manager.create(new double[] {1.5, -2.25, 1e300}));
            tensors.put(
                    "f32",
                    manager.create(new float[][] {{1f, -2f, 3.5f}, {0f, Float.MIN_VALUE, 7f}}));
            tensors.put(
                    "f16",
                    manager.create(new float[] {0.5f, -1.25f}).toType(DataType.FLOAT16, false));
            tensors.put("i64", manager.create(new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}));
            tensors.put("i32", manager.create(new int[] {Integer.MIN_VALUE, 5}));
            tensors.put("i8", manager.create(new byte[] {-128, 127}));
            tensors.put(
                    "u8",
                    manager.create(new byte[] {0, 1, (byte) 255}, new Shape(3))
                            .toType(DataType.UINT8, false));
            tensors.put("bool", manager.create(new boolean[] {true, false, true}));
            tensors.put("scalar", manager.create(3.25f));
            tensors.put("empty", manager.zeros(new Shape(0, 4)));
            tensors.put("a.b.c", manager.arange(12f).reshape(3, 4).transpose());
            Path file = temp.resolve("all.safetensors");
            Safetensors.write(file, tensors, Map.of("source", "test"));

            Map<String, NDArray> back = Safetensors.read(file, manager);
            assertEquals(
                    tensors.keySet().stream().sorted().toList(), new ArrayList<>(back.keySet()));
            for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
                NDArray read = back.get(e.getKey());
                assertEquals(e.getValue().getDataType(), read.getDataType(), e.getKey());
                assertEquals(e.getValue().getShape(), read.getShape(), e.getKey());
                assertEquals(e.getKey(), read.getName());
                assertEquals(e.getValue(), read, e.getKey());
            }
            try (SafetensorsFile open = Safetensors.open(file)) {
                assertEquals(Map.of("format", "pt", "source", "test"), open.metadata());
            }
            assertEquals(List.of(file), listFolder(), "the temporary file must be gone");
        }
    }

    @Test
    void headerIsSortedPaddedAndHasMetadata() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path file = temp.resolve("h.safetensors");
            Safetensors.write(
                    file,
                    Map.of("b", manager.ones(new Shape(3)), "a", manager.zeros(new Shape(1))),
                    Map.of());
            byte[] bytes = Files.readAllBytes(file);
            long length = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertEquals(0, length % 8);
            String header = new String(bytes, 8, (int) length, StandardCharsets.UTF_8);
            JsonObject json = JsonParser.parseString(header).getAsJsonObject();
            assertEquals(List.of("__metadata__", "a", "b"), new ArrayList<>(json.keySet()));
            assertEquals("pt", json.getAsJsonObject("__metadata__").get("format").getAsString());
            assertEquals("[0,4]", json.getAsJsonObject("a").get("data_offsets").toString());
            assertEquals(8 + length + 16, bytes.length);
        }
    }

    @Test
    void overwritingReplacesTheFile() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path file = temp.resolve("w.safetensors");
            Safetensors.write(file, Map.of("x", manager.ones(new Shape(2))), Map.of());
            Safetensors.write(file, Map.of("y", manager.zeros(new Shape(5))), Map.of());
            assertEquals(List.of("y"), new ArrayList<>(Safetensors.read(file, manager).keySet()));
            assertEquals(List.of(file), listFolder());
        }
    }

    @Test
    void bf16IsReadAsFloat32AndI16AsInt32() throws IOException {
        // bfloat16 is the upper half of a float32: 1.5 = 0x3FC0, -2 = 0xC000, 0 = 0x0000.
        byte[] data = {
            (byte) 0xC0, 0x3F, 0x00, (byte) 0xC0, 0x00, 0x00, (byte) 0xFE, (byte) 0xFF, 0x07, 0x00
        };
        Path file =
                handWritten(
                        "bf16.safetensors",
                        "{\"w\": "
                                + entry("BF16", "[3]", 0, 6)
                                + ", \"n\": "
                                + entry("I16", "[2]", 6, 10)
                                + "}",
                        data);
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> back = Safetensors.read(file, manager);
            assertEquals(List.of("w", "n"), new ArrayList<>(back.keySet()), "header order");
            assertEquals(DataType.FLOAT32, back.get("w").getDataType());
            assertArrayEquals(new float[] {1.5f, -2f, 0f}, back.get("w").toFloatArray());
            assertEquals(DataType.INT32, back.get("n").getDataType());
            assertArrayEquals(new int[] {-2, 7}, back.get("n").toIntArray());
        }
    }

    @Test
    void tensorsBeyond2GiBAreAddressable() throws IOException {
        // A sparse file: a 3 GiB padding tensor, then a small tensor starting past the 2 GiB mark.
        long pad = 3L << 30;
        String header =
                "{\"pad\": "
                        + entry("U8", "[" + pad + "]", 0, pad)
                        + ", \"x\": "
                        + entry("F32", "[2]", pad, pad + 8)
                        + "}";
        Path file = handWritten("big.safetensors", header, new byte[0]);
        long dataStart = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(dataStart + pad);
            raf.write(
                    ByteBuffer.allocate(8)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .putFloat(4f)
                            .putFloat(-1f)
                            .array());
        }
        try (NDManager manager = NDManager.newBaseManager();
                SafetensorsFile open = Safetensors.open(file)) {
            assertArrayEquals(new float[] {4f, -1f}, open.read("x", manager).toFloatArray());
            IOException tooBig = assertThrows(IOException.class, () -> open.read("pad", manager));
            assertTrue(tooBig.getMessage().contains("2 GiB"), tooBig.getMessage());
        }
    }

    @Test
    void truncatedFileIsReported() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Path file = temp.resolve("t.safetensors");
            Safetensors.write(file, Map.of("x", manager.ones(new Shape(16))), Map.of());
            byte[] bytes = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(bytes, bytes.length - 4));
            assertInvalid(file, "truncated");
            Files.write(file, Arrays.copyOf(bytes, 20));
            assertInvalid(file, "does not fit the file size");
            Files.write(file, Arrays.copyOf(bytes, 5));
            assertInvalid(file, "too short");
        }
    }

    @Test
    void corruptHeadersAreReported() throws IOException {
        byte[] eight = new byte[8];
        assertInvalid(handWritten("json.safetensors", "{\"x\": [1, 2", eight), "not a valid JSON");
        assertInvalid(handWritten("brace.safetensors", "[1]", eight), "does not start with '{'");
        assertInvalid(
                handWritten(
                        "dtype.safetensors",
                        "{\"x\": " + entry("F8_E4M3", "[8]", 0, 8) + "}",
                        eight),
                "dtype F8_E4M3");
        assertInvalid(
                handWritten(
                        "size.safetensors", "{\"x\": " + entry("F32", "[3]", 0, 8) + "}", eight),
                "needs 12");
        assertInvalid(
                handWritten(
                        "overlap.safetensors",
                        "{\"x\": "
                                + entry("F32", "[2]", 0, 8)
                                + ", \"y\": "
                                + entry("F32", "[1]", 4, 8)
                                + "}",
                        eight),
                "overlaps");
        assertInvalid(
                handWritten("gap.safetensors", "{\"x\": " + entry("F32", "[1]", 4, 8) + "}", eight),
                "a gap");
        assertInvalid(
                handWritten(
                        "tail.safetensors", "{\"x\": " + entry("F32", "[1]", 0, 4) + "}", eight),
                "after the last tensor");
        assertInvalid(
                handWritten(
                        "negative.safetensors",
                        "{\"x\": " + entry("F32", "[-2]", 0, 8) + "}",
                        eight),
                "negative");
        assertInvalid(
                handWritten("meta.safetensors", "{\"__metadata__\": {\"n\": 1}}", new byte[0]),
                "not a string");
    }

    @Test
    void unsupportedArrayTypesAreRefusedOnWrite() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray text = manager.create(new String[] {"text"});
            assertThrows(
                    IllegalArgumentException.class,
                    () ->
                            Safetensors.write(
                                    temp.resolve("s.safetensors"), Map.of("s", text), Map.of()));
        }
    }

    @Test
    void shardedIndexMustAgreeWithShards() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Safetensors.write(
                    temp.resolve("s1.safetensors"),
                    Map.of("a", manager.ones(new Shape(2))),
                    Map.of());
            Safetensors.write(
                    temp.resolve("s2.safetensors"),
                    Map.of("b", manager.zeros(new Shape(3))),
                    Map.of());
            Path index = temp.resolve("model.safetensors.index.json");
            Files.writeString(
                    index,
                    "{\"weight_map\": {\"b\": \"s2.safetensors\", \"a\": \"s1.safetensors\"}}");
            try (ShardedSafetensors sharded = ShardedSafetensors.open(index)) {
                assertEquals(List.of("b", "a"), sharded.names());
                assertEquals(new Shape(3), sharded.info("b").shape());
                assertArrayEquals(new float[] {1f, 1f}, sharded.read("a", manager).toFloatArray());
            }
            Files.writeString(
                    index,
                    "{\"weight_map\": {\"b\": \"s1.safetensors\", \"a\": \"s1.safetensors\"}}");
            IOException e = assertThrows(IOException.class, () -> ShardedSafetensors.open(index));
            assertTrue(e.getMessage().contains("\"b\""), e.getMessage());
            Files.writeString(index, "{\"weight_map\": [\"a\"]}");
            IOException invalid =
                    assertThrows(IOException.class, () -> ShardedSafetensors.open(index));
            assertTrue(invalid.getMessage().contains("weight_map"), invalid.getMessage());
        }
    }

    private static void assertInvalid(Path file, String problem) {
        try (NDManager manager = NDManager.newBaseManager()) {
            IOException e = assertThrows(IOException.class, () -> Safetensors.read(file, manager));
            assertTrue(
                    e.getMessage().contains(file.toString()) && e.getMessage().contains(problem),
                    "expected \"" + problem + "\" in: " + e.getMessage());
        }
    }

    private List<Path> listFolder() throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            return files.toList();
        }
    }
}
