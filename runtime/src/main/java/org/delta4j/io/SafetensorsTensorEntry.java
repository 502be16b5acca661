package org.delta4j.io;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One tensor's entry of a safetensors header, such as {@code {"dtype": "F32", "shape": [2, 3],
 * "data_offsets": [0, 24]}}, parsed and checked: a dtype delta4j reads, non-negative integers, and
 * offsets spanning exactly the bytes the shape and dtype need.
 */
final class SafetensorsTensorEntry {
    private SafetensorsTensorEntry() {}

    /**
     * @param file the file, for messages
     * @param name the tensor's name
     * @param value its header entry
     * @return the tensor's dtype, shape and data offsets, checked against each other
     * @throws IOException naming the file and the tensor when the entry is malformed
     */
    static TensorInfo parse(Path file, String name, JsonElement value) throws IOException {
        if (!value.isJsonObject()) {
            throw SafetensorsHeader.problem(
                    file, "the entry of tensor \"" + name + "\" is not an object");
        }
        JsonObject o = value.getAsJsonObject();
        JsonElement dtypeName = o.get("dtype");
        if (dtypeName == null || !dtypeName.isJsonPrimitive()) {
            throw SafetensorsHeader.problem(file, "tensor \"" + name + "\" has no dtype");
        }
        SafetensorsDType dtype = SafetensorsDType.parse(dtypeName.getAsString());
        if (dtype == null) {
            throw SafetensorsHeader.problem(
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
            throw SafetensorsHeader.problem(
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
            throw SafetensorsHeader.problem(
                    file, "tensor \"" + name + "\" has a shape too large to address");
        }
        if (offsets[1] - offsets[0] != expected) {
            throw SafetensorsHeader.problem(
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
            throw SafetensorsHeader.problem(file, where + " is missing or not an array");
        }
        JsonArray array = value.getAsJsonArray();
        if (length >= 0 && array.size() != length) {
            throw SafetensorsHeader.problem(
                    file, where + " must have " + length + " entries, has " + array.size());
        }
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = array.get(i).getAsJsonPrimitive().getAsBigDecimal().longValueExact();
            } catch (RuntimeException e) {
                throw SafetensorsHeader.problem(
                        file, where + " has a non-integer entry " + array.get(i));
            }
            if (out[i] < 0) {
                throw SafetensorsHeader.problem(file, where + " has a negative entry " + out[i]);
            }
        }
        return out;
    }
}
