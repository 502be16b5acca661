package org.delta4j.backbone;

import org.delta4j.nn.SizedBlock;

/**
 * An attention block that accepts an {@link org.delta4j.nn.AttentionPrefix}: the modules prefix
 * tuning modifies.
 */
public interface PrefixableAttention extends SizedBlock {
    /**
     * @return the number of attention heads
     */
    long heads();

    /**
     * @return the size of each head's keys and values ({@code d_kv}); prefixes are {@code heads *
     *     headDim} wide. By default the hidden size split evenly over the heads.
     */
    default long headDim() {
        return hiddenSize() / heads();
    }
}
