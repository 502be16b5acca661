package org.delta4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** The head layout of multi-head attention, as HF's attention blocks split and merge it. */
public final class AttentionHeads {
    private AttentionHeads() {}

    /**
     * @param x projected states {@code [batch, length, heads * head_dim]}
     * @param heads the number of heads
     * @return {@code [batch, heads, length, head_dim]}
     */
    public static NDArray split(NDArray x, long heads) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, s.get(2) / heads).transpose(0, 2, 1, 3);
    }

    /**
     * @param x per-head states {@code [batch, heads, length, head_dim]}
     * @return {@code [batch, length, heads * head_dim]}
     */
    public static NDArray merge(NDArray x) {
        Shape s = x.getShape();
        return x.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(2), s.get(1) * s.get(3));
    }
}
