package org.delta4j.io;

import ai.djl.ndarray.types.Shape;

/**
 * One tensor's entry in a safetensors header.
 *
 * @param name the tensor's key
 * @param dtype its element type in the file
 * @param shape its shape ({@code []} for a scalar)
 * @param begin its first byte, relative to the end of the header
 * @param end one past its last byte, relative to the end of the header
 */
public record TensorInfo(String name, SafetensorsDType dtype, Shape shape, long begin, long end) {
    /**
     * @return the number of bytes in the file
     */
    public long byteSize() {
        return end - begin;
    }
}
