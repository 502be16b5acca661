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
     * @param out a direct buffer of at least {@code count} elements of {@link #loadedType()}; its
     *     content is replaced
     * @return {@code out}, holding the {@code count} elements from position 0
     */
    ByteBuffer decode(ByteBuffer src, int count, ByteBuffer out) {
        src.order(ByteOrder.LITTLE_ENDIAN);
        out.clear().order(ByteOrder.nativeOrder());
        if (this == BF16) {
            for (int i = 0; i < count; i++) {
                out.putFloat(Float.intBitsToFloat((src.getShort() & 0xffff) << 16));
            }
        } else if (this == I16) {
            for (int i = 0; i < count; i++) {
                out.putInt(src.getShort());
            }
        } else if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN || itemSize == 1) {
            out.put(src.limit(count * itemSize));
        } else {
            throw new UnsupportedOperationException(
                    "reading safetensors needs a little-endian platform");
        }
        return out.flip();
    }

    /**
     * Narrows float32 values to BF16, rounding to the nearest even as PyTorch does (a NaN stays a
     * quiet NaN).
     *
     * @param float32s native-order float32 values, position 0
     * @return their BF16 bytes, little-endian, ready to write
     */
    static ByteBuffer bf16Of(ByteBuffer float32s) {
        float32s.order(ByteOrder.nativeOrder());
        int count = float32s.remaining() / Float.BYTES;
        ByteBuffer out = ByteBuffer.allocate(count * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            int bits = float32s.getInt();
            boolean nan = (bits & 0x7fffffff) > 0x7f800000;
            // Adding 0x7fff plus the lowest kept bit carries into the kept half exactly when the
            // dropped half is over one half, or one half with an odd kept half.
            out.putShort(
                    nan ? (short) 0x7fc0 : (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16));
        }
        return out.flip();
    }
}
