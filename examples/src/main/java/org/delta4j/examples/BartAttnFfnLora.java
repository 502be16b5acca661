package org.delta4j.examples;

import org.delta4j.annotations.Backbone;
import org.delta4j.annotations.Freeze;
import org.delta4j.annotations.Lora;

/**
 * Two LoRAs of different ranks on BART, named so each has its own setters: rank 8 on every
 * attention block's query and value projections, rank 4 on every feed-forward's first layer,
 * addressed by unified names; everything else frozen but the deltas and the embedding layer norms.
 * Checked against facebook/bart-base's structure when this file compiles; the processor generates
 * {@code BartAttnFfnLoraDelta} from it, which {@link LoraExample} uses.
 */
@Backbone("facebook/bart-base")
@Lora(
        name = "attn",
        modules = {"attn.q", "attn.v"},
        r = 8)
@Lora(name = "ffn", modules = "ff.w1", r = 4, alpha = 8)
@Freeze(exclude = {"deltas", "layernorm_embedding"})
public interface BartAttnFfnLora {}
