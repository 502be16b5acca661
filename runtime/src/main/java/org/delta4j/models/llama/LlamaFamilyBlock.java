package org.delta4j.models.llama;

import org.delta4j.nn.HfBlock;
import org.delta4j.nn.SizedBlock;

/**
 * A module of a Llama-family layer working at the model's hidden size, whose HF class is the
 * family's name followed by its part ({@code LlamaMLP}, {@code Qwen2Attention}, ...).
 */
abstract class LlamaFamilyBlock extends HfBlock implements SizedBlock {
    private final String hfType;
    private final long hidden;

    /**
     * @param config the model configuration
     * @param part the HF class name after the family's, such as {@code MLP}
     */
    LlamaFamilyBlock(LlamaFamilyConfig config, String part) {
        this.hfType = config.family() + part;
        this.hidden = config.hiddenSize();
    }

    @Override
    public final String hfType() {
        return hfType;
    }

    @Override
    public final long hiddenSize() {
        return hidden;
    }
}
