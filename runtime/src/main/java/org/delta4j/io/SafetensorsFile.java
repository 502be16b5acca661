package org.delta4j.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An open safetensors file whose header has been checked. Each tensor is read on demand, chunk by
 * chunk (long offsets, so files over 2 GiB work; one tensor must stay under 2 GiB, DJL's buffer
 * limit), into engine memory: the array owns its memory, so it may be modified and outlives the
 * file.
 */
public final class SafetensorsFile implements TensorSource {
    /** Elements per chunk read: few enough that the chunk buffers stay at a few MiB. */
    private static final int CHUNK_ELEMENTS = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final SafetensorsHeader header;

    /** The file bytes of one chunk; grown on demand, up to 8 bytes an element. */
    private ByteBuffer raw = ByteBuffer.allocateDirect(0);

    /** One chunk in the engine's element type; grown on demand, up to 8 bytes an element. */
    private ByteBuffer decoded = ByteBuffer.allocateDirect(0);

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

    /**
     * {@inheritDoc}
     *
     * <p>The tensor is read in chunks of {@value #CHUNK_ELEMENTS} elements through two buffers this
     * file reuses, each chunk copied into the engine's array: reading holds no second copy of the
     * tensor (for BF16, no float32 copy in Java), and no buffer is left for the garbage collector
     * per tensor, so loading a model needs little more than the model.
     */
    @Override
    public synchronized NDArray read(String name, NDManager manager) throws IOException {
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
        SafetensorsDType dtype = info.dtype();
        DataType type = dtype.loadedType();
        long count = info.shape().size();
        try (NDArray flat = manager.create(new Shape(count), type)) {
            for (long start = 0; start < count; start += CHUNK_ELEMENTS) {
                int n = (int) Math.min(CHUNK_ELEMENTS, count - start);
                decoded = atLeast(decoded, n * type.getNumOfBytes());
                ByteBuffer raw =
                        readChunk(
                                header.dataStart() + info.begin() + start * dtype.itemSize(),
                                n * dtype.itemSize());
                // DJL wraps a direct buffer without copying; the slice assignment copies it into
                // the tensor, so the buffer is free for the next chunk once the wrapper is closed.
                try (NDArray part =
                        manager.create(dtype.decode(raw, n, decoded), new Shape(n), type)) {
                    flat.set(new NDIndex("{}:{}", start, start + n), part);
                }
            }
            NDArray array = flat.reshape(info.shape());
            array.setName(name);
            return array;
        }
    }

    /** Reads {@code length} bytes at {@code position} into the reused raw buffer. */
    private ByteBuffer readChunk(long position, int length) throws IOException {
        raw = atLeast(raw, length);
        raw.clear().limit(length);
        while (raw.hasRemaining()) {
            if (channel.read(raw, position + raw.position()) < 0) {
                throw new IOException(file + " ends inside a tensor's data; the file is truncated");
            }
        }
        return raw.flip();
    }

    private static ByteBuffer atLeast(ByteBuffer buffer, int bytes) {
        return buffer.capacity() >= bytes ? buffer : ByteBuffer.allocateDirect(bytes);
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
