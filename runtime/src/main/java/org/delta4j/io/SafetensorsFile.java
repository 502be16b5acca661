package org.delta4j.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An open safetensors file whose header has been checked. Each tensor is read on demand by
 * memory-mapping its own bytes (long offsets, so files over 2 GiB work; one tensor must stay under
 * 2 GiB, DJL's buffer limit) and copying them into engine memory: the array never refers to the
 * mapping, so it may be modified and outlives the file.
 */
public final class SafetensorsFile implements TensorSource {
    private final Path file;
    private final FileChannel channel;
    private final SafetensorsHeader header;

    private SafetensorsFile(Path file, FileChannel channel, SafetensorsHeader header) {
        this.file = file;
        this.channel = channel;
        this.header = header;
    }

    /**
     * @param file a safetensors file
     * @return the open file
     * @throws IOException when it cannot be read or its header is invalid, naming the file and the
     *     problem
     */
    public static SafetensorsFile open(Path file) throws IOException {
        FileChannel channel = UserFiles.openChannel(file);
        try {
            return new SafetensorsFile(file, channel, SafetensorsHeader.read(file, channel));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * @return the {@code __metadata__} entries, empty when absent
     */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    @Override
    public List<String> names() {
        return List.copyOf(header.tensors().keySet());
    }

    @Override
    public TensorInfo info(String name) {
        TensorInfo info = header.tensors().get(name);
        if (info == null) {
            throw new IllegalArgumentException("No tensor \"" + name + "\" in " + file);
        }
        return info;
    }

    @Override
    public NDArray read(String name, NDManager manager) throws IOException {
        TensorInfo info = info(name);
        long bytes = info.byteSize();
        if (bytes > Integer.MAX_VALUE) {
            throw new IOException(
                    "Tensor \""
                            + name
                            + "\" in "
                            + file
                            + " has "
                            + bytes
                            + " bytes; DJL holds at most 2 GiB in one array");
        }
        ByteBuffer raw =
                bytes == 0
                        ? ByteBuffer.allocate(0)
                        : channel.map(
                                FileChannel.MapMode.READ_ONLY,
                                header.dataStart() + info.begin(),
                                bytes);
        int count = Math.toIntExact(info.shape().size());
        // DJL wraps a direct buffer without copying, and only the wrapping Java object keeps the
        // buffer alive: any
        // derived array (toType, attach to another manager) would outlive it and read freed memory
        // after a GC.
        // A clone gives PyTorch its own memory.
        try (NDArray wrapped =
                manager.create(
                        info.dtype().decode(raw, count), info.shape(), info.dtype().loadedType())) {
            NDArray array = wrapped.duplicate();
            array.setName(name);
            return array;
        }
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
