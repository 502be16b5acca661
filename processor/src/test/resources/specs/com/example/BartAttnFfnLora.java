package com.example;

import org.delta4j.annotations.Backbone;
import org.delta4j.annotations.Freeze;
import org.delta4j.annotations.Lora;

@Backbone("facebook/bart-base")
@Lora(name = "attn", modules = {"attn.q", "attn.v"}, r = 8)
@Lora(name = "ffn", modules = "ff.w1", r = 4, alpha = 8)
@Freeze(exclude = {"deltas", "layernorm_embedding"})
public interface BartAttnFfnLora {}
