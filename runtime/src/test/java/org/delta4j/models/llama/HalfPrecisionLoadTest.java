package org.delta4j.models.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.delta4j.io.Safetensors;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.HfModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Llama checkpoint stored in BF16 or F16 (as the hub's are) loads as float32 and gives exactly
 * the outputs of the same values stored in F32.
 */
class HalfPrecisionLoadTest {
    private static final String FIXTURE = "llama_for_causal_lm";

    @TempDir Path tmp;

    @Test
    void bf16AndF16CheckpointsGiveTheOutputsOfTheirValuesInF32() throws IOException {
        Path fixture = Fixtures.model(FIXTURE);
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> weights =
                    Safetensors.read(fixture.resolve("model.safetensors"), manager);
            Map<String, NDArray> f16 = new LinkedHashMap<>();
            Map<String, NDArray> f16AsF32 = new LinkedHashMap<>();
            Map<String, float[]> bf16 = new LinkedHashMap<>();
            Map<String, NDArray> bf16AsF32 = new LinkedHashMap<>();
            weights.forEach(
                    (key, w) -> {
                        NDArray half = w.toType(DataType.FLOAT16, false);
                        f16.put(key, half);
                        f16AsF32.put(key, half.toType(DataType.FLOAT32, false));
                        float[] truncated = w.toFloatArray();
                        for (int i = 0; i < truncated.length; i++) {
                            truncated[i] =
                                    Float.intBitsToFloat(
                                            Float.floatToIntBits(truncated[i]) & 0xffff0000);
                        }
                        bf16.put(key, truncated);
                        bf16AsF32.put(key, manager.create(truncated, w.getShape()));
                    });
            NDList inputs = ModelInputs.fromJson(manager, fixture.resolve("inputs.json"));
            assertArrayEquals(
                    logits(folder("f32_of_f16", fixture, f16AsF32), inputs, manager),
                    logits(folder("f16", fixture, f16), inputs, manager));
            Path bf16Dir = folder("f32_of_bf16", fixture, bf16AsF32);
            Path stored = Files.createDirectories(tmp.resolve("bf16"));
            Files.copy(fixture.resolve("config.json"), stored.resolve("config.json"));
            writeBf16(stored.resolve("model.safetensors"), bf16, weights);
            assertArrayEquals(logits(bf16Dir, inputs, manager), logits(stored, inputs, manager));
        }
    }

    private Path folder(String name, Path fixture, Map<String, NDArray> weights)
            throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.copy(fixture.resolve("config.json"), dir.resolve("config.json"));
        Safetensors.write(dir.resolve("model.safetensors"), weights, Map.of("format", "pt"));
        return dir;
    }

    private static float[] logits(Path dir, NDList inputs, NDManager manager) throws IOException {
        return HfModels.load(dir, manager)
                .forward(new ParameterStore(manager, false), inputs, false)
                .get("logits")
                .toFloatArray();
    }

    /** safetensors with BF16 tensors: the top halves of the float32 values. */
    private static void writeBf16(
            Path file, Map<String, float[]> values, Map<String, NDArray> shapes)
            throws IOException {
        StringBuilder header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        for (Map.Entry<String, float[]> e : values.entrySet()) {
            long end = offset + 2L * e.getValue().length;
            long[] shape = shapes.get(e.getKey()).getShape().getShape();
            header.append(",\"")
                    .append(e.getKey())
                    .append("\":{\"dtype\":\"BF16\",\"shape\":")
                    .append(Arrays.toString(shape).replace(" ", ""))
                    .append(",\"data_offsets\":[")
                    .append(offset)
                    .append(',')
                    .append(end)
                    .append("]}");
            offset = end;
        }
        header.append('}');
        while (header.length() % 8 != 0) {
            header.append(' ');
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out =
                ByteBuffer.allocate(8 + json.length + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json);
        for (float[] v : values.values()) {
            for (float f : v) {
                out.putShort((short) (Float.floatToIntBits(f) >>> 16));
            }
        }
        Files.write(file, out.array());
    }
}
