package org.delta4j.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.List;

/**
 * Named tensors stored on disk and read one at a time: a safetensors file or a sharded checkpoint.
 */
public interface TensorSource extends AutoCloseable {
    /**
     * @return every tensor name, in storage order
     */
    List<String> names();

    /**
     * @param name a tensor name
     * @return its header entry
     * @throws IllegalArgumentException when there is no such tensor
     */
    TensorInfo info(String name);

    /**
     * Reads one tensor into a new array (BF16 as FLOAT32, I16 as INT32).
     *
     * @param name a tensor name
     * @param manager the manager that will own the array
     * @return the array, named {@code name}
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when there is no such tensor
     */
    NDArray read(String name, NDManager manager) throws IOException;

    /**
     * @return where the tensors come from, for messages
     */
    String location();

    @Override
    void close() throws IOException;
}
