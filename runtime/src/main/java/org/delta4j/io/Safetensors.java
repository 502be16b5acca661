package org.delta4j.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes safetensors files without DJL's own codec, which has 2 GiB limits and aborts the
 * JVM on BF16. Reading checks the header first (see {@link SafetensorsFile}); BF16 arrives as
 * FLOAT32, I16 as INT32.
 */
public final class Safetensors {
    private Safetensors() {}

    /**
     * @param file a safetensors file
     * @return the open file, to read tensors one by one
     * @throws IOException when it cannot be read or its header is invalid, naming the file and the
     *     problem
     */
    public static SafetensorsFile open(Path file) throws IOException {
        return SafetensorsFile.open(file);
    }

    /**
     * Reads every tensor. On failure the arrays read so far are closed.
     *
     * @param file a safetensors file
     * @param manager the manager that will own the arrays
     * @return the arrays by name, in header order, each named after its key
     * @throws IOException when the file cannot be read or is invalid, naming the file and the
     *     problem
     */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        try (SafetensorsFile source = open(file);
                NDManager scratch = manager.newSubManager()) {
            Map<String, NDArray> out = new LinkedHashMap<>();
            for (String name : source.names()) {
                out.put(name, source.read(name, scratch));
            }
            // Hand over only once every tensor was read; closing scratch then frees nothing that
            // was returned.
            out.values().forEach(a -> a.attach(manager));
            return out;
        }
    }

    /**
     * Writes arrays under their map keys, sorted, with {@code "format": "pt"} metadata unless
     * given; atomic.
     *
     * @param file the file to create or replace
     * @param tensors the arrays by tensor name (F64, F32, F16, I64, I32, I8, U8 or BOOL)
     * @param metadata extra {@code __metadata__} entries, possibly empty
     * @throws IOException when the file cannot be written
     * @throws IllegalArgumentException for an invalid name or an array type safetensors cannot hold
     */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata)
            throws IOException {
        SafetensorsWriter.write(file, tensors, metadata, false);
    }

    /**
     * As {@link #write}, with float32 arrays stored as BF16 (half the bytes), rounded to the
     * nearest even as {@code tensor.to(torch.bfloat16)} rounds; how HF publishes most checkpoints.
     * Reading them back gives float32 again, the rounded values.
     *
     * @param file the file to create or replace
     * @param tensors the arrays by tensor name (as {@link #write})
     * @param metadata extra {@code __metadata__} entries, possibly empty
     * @throws IOException when the file cannot be written
     * @throws IllegalArgumentException for an invalid name or an array type safetensors cannot hold
     */
    public static void writeBf16(
            Path file, Map<String, NDArray> tensors, Map<String, String> metadata)
            throws IOException {
        SafetensorsWriter.write(file, tensors, metadata, true);
    }
}
