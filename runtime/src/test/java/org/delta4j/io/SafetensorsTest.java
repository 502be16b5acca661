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
import java.lang.reflect.Method;
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
    void writeBf16RoundsFloatsToNearestEvenAndKeepsOtherTypes() throws IOException {
        float halfway = 1f + 0x1p-8f; // between 1 (even) and 1 + 2^-7 (odd): to 1
        float halfwayOdd = 1f + 3 * 0x1p-8f; // between 1 + 2^-7 (odd) and 1 + 2^-6: up
        float overHalf = 1f + 0x1p-8f + 0x1p-20f; // nearer 1 + 2^-7
        float[] written = {1.5f, -2f, halfway, halfwayOdd, overHalf, Float.NaN, -3.0e38f};
        float[] expected = {1.5f, -2f, 1f, 1f + 0x1p-6f, 1f + 0x1p-7f, Float.NaN, -3.0040553e38f};
        Path file = temp.resolve("bf16-written.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            tensors.put("w", manager.create(written));
            tensors.put("ids", manager.create(new long[] {3, -4}));
            Safetensors.writeBf16(file, tensors, Map.of());
            Map<String, NDArray> back = Safetensors.read(file, manager);
            assertArrayEquals(expected, back.get("w").toFloatArray());
            assertEquals(DataType.INT64, back.get("ids").getDataType());
            assertArrayEquals(new long[] {3, -4}, back.get("ids").toLongArray());
        }
        try (SafetensorsFile opened = Safetensors.open(file)) {
            assertEquals(SafetensorsDType.BF16, opened.info("w").dtype());
            assertEquals(SafetensorsDType.I64, opened.info("ids").dtype());
        }
    }

    @Test
    void tensorsLongerThanAChunkReadBackExactly() throws IOException {
        int count = 2 * (1 << 20) + 3; // two whole chunks and a partial one
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (i % 251) - 125; // small integers: exact in BF16 too
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = Map.of("w", manager.create(values, new Shape(count)));
            Path f32 = temp.resolve("f32.safetensors");
            Path bf16 = temp.resolve("bf16-long.safetensors");
            Safetensors.write(f32, tensors, Map.of());
            Safetensors.writeBf16(bf16, tensors, Map.of());
            assertArrayEquals(values, Safetensors.read(f32, manager).get("w").toFloatArray());
            assertArrayEquals(values, Safetensors.read(bf16, manager).get("w").toFloatArray());
        }
    }

    @Test
    void readingKeepsNoJavaCopyOfTheTensors() throws IOException {
        // Regression: each tensor was decoded into a direct buffer of its full float32 size (and
        // its bytes memory-mapped), both freed only by a GC, so loading a BF16 model held about a
        // second copy of it outside the engine. Now two chunk buffers serve every read.
        int count = 4 << 20;
        Path file = temp.resolve("bf16-big.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            for (String name : List.of("a", "b", "c")) {
                tensors.put(name, manager.ones(new Shape(count)));
            }
            Safetensors.writeBf16(file, tensors, Map.of());
        }
        long before = bufferPoolBytes();
        try (NDManager manager = NDManager.newBaseManager();
                SafetensorsFile source = Safetensors.open(file)) {
            for (String name : source.names()) {
                source.read(name, manager).close();
            }
            long held = bufferPoolBytes() - before;
            assertTrue(
                    held < count * 4L,
                    "reading three tensors of " + count * 4 + " float32 bytes held " + held);
        }
    }

    /**
     * The bytes in Java's direct and mapped buffers, from java.management's buffer pools, reached
     * by reflection because the runtime module does not (and should not) read java.management.
     */
    private static long bufferPoolBytes() {
        try {
            Class<?> pool = Class.forName("java.lang.management.BufferPoolMXBean");
            Method used = pool.getMethod("getMemoryUsed");
            List<?> pools =
                    (List<?>)
                            Class.forName("java.lang.management.ManagementFactory")
                                    .getMethod("getPlatformMXBeans", Class.class)
                                    .invoke(null, pool);
            long sum = 0;
            for (Object p : pools) {
                sum += (Long) used.invoke(p);
            }
            return sum;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("java.management's buffer pools are not reachable", e);
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
