package org.delta4j.io;

import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The safetensors element types delta4j reads, with the DJL type each becomes. BF16 and I16 are
 * widened in Java (to F32 and I32): DJL's PyTorch engine aborts the JVM on those two types, so they
 * must never reach it.
 */
public enum SafetensorsDType {
    /** 64-bit float. */
    F64(8, DataType.FLOAT64),
    /** 32-bit float. */
    F32(4, DataType.FLOAT32),
    /** 16-bit IEEE float. */
    F16(2, DataType.FLOAT16),
    /** bfloat16, read as 32-bit float (exactly: bfloat16 is the top half of a float32). */
    BF16(2, DataType.FLOAT32),
    /** 64-bit signed integer. */
    I64(8, DataType.INT64),
    /** 32-bit signed integer. */
    I32(4, DataType.INT32),
    /** 16-bit signed integer, read as 32-bit. */
    I16(2, DataType.INT32),
    /** 8-bit signed integer. */
    I8(1, DataType.INT8),
    /** 8-bit unsigned integer. */
    U8(1, DataType.UINT8),
    /** Boolean, one byte each. */
    BOOL(1, DataType.BOOLEAN);

    private final int itemSize;
    private final DataType loaded;

    SafetensorsDType(int itemSize, DataType loaded) {
        this.itemSize = itemSize;
        this.loaded = loaded;
    }

    /**
     * @return bytes per element in the file
     */
    public int itemSize() {
        return itemSize;
    }

    /**
     * @return the DJL type a tensor of this type is read as
     */
    public DataType loadedType() {
        return loaded;
    }

    /**
     * @param name a safetensors dtype name, such as {@code F32}
     * @return the type, or {@code null} when delta4j does not read it
     */
    static SafetensorsDType parse(String name) {
        for (SafetensorsDType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /**
     * @param type a DJL data type
     * @return the safetensors type that stores it unchanged
     * @throws IllegalArgumentException for a type safetensors cannot hold as it is
     */
    static SafetensorsDType of(DataType type) {
        for (SafetensorsDType t : values()) {
            if (t.loaded == type && t.itemSize == type.getNumOfBytes()) {
                return t;
            }
        }
        throw new IllegalArgumentException("safetensors cannot store DJL data type " + type);
    }

    /**
     * Copies file bytes into a native-order direct buffer for the engine, widening BF16 and I16.
     *
     * @param src the tensor's little-endian bytes, position 0
     * @param count the number of elements
     * @return a direct buffer of {@code count} elements of {@link #loadedType()}
     */
    ByteBuffer decode(ByteBuffer src, int count) {
        src.order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out =
                ByteBuffer.allocateDirect(count * loaded.getNumOfBytes())
                        .order(ByteOrder.nativeOrder());
        if (this == BF16) {
            for (int i = 0; i < count; i++) {
                out.putFloat(Float.intBitsToFloat((src.getShort() & 0xffff) << 16));
            }
        } else if (this == I16) {
            for (int i = 0; i < count; i++) {
                out.putInt(src.getShort());
            }
        } else if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN || itemSize == 1) {
            out.put(src);
        } else {
            throw new UnsupportedOperationException(
                    "reading safetensors needs a little-endian platform");
        }
        return out.flip();
    }
}
