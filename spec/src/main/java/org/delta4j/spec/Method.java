package org.delta4j.spec;

import java.util.List;

/**
 * The delta methods and what both sides need to know about each: OpenDelta's name for it, how messages call it,
 * the name its layers get on a module, and the modules it modifies by default, in unified names (OpenDelta's
 * default modification).
 */
public enum Method {
    /** LoRA. */
    LORA("lora", "LoRA", "lora", List.of("attn.q", "attn.v")),
    /** The bottleneck adapter. */
    ADAPTER("adapter", "Adapter", "adapter", List.of("attn.proj", "ff.w2")),
    /** BitFit. */
    BITFIT("bitfit", "BitFit", "bitfit", List.of("attn", "ff", "layer_norm")),
    /** The low-rank adapter. */
    LOW_RANK_ADAPTER("low_rank_adapter", "LowRankAdapter", "low_rank_adapter", List.of("attn.proj", "ff.w2")),
    /** Compacter; its layers keep OpenDelta's spelling, {@code compactor}. */
    COMPACTER("compacter", "Compacter", "compactor", List.of("attn.proj", "ff.w2")),
    /** The parallel adapter; its default pairs span each attention block and each feed-forward. */
    PARALLEL_ADAPTER("parallel_adapter", "ParallelAdapter", "parallel_adapter",
            List.of("attn", "attn", "ff.w1", "ff.w2")),
    /** Prefix tuning. */
    PREFIX("prefix", "Prefix", "prefix", List.of("attn")),
    /** Prompt tuning, which takes no modules: it goes on the encoder. */
    SOFT_PROMPT("soft_prompt", "SoftPrompt", "soft_prompt_layer", List.of());

    /** The layer prefix tuning adds on its first target, computing every prefix (OpenDelta's {@code reparams}). */
    public static final String REPARAMS_LAYER = "reparams";

    private final String id;
    private final String title;
    private final String layerName;
    private final List<String> defaultModules;

    Method(String id, String title, String layerName, List<String> defaultModules) {
        this.id = id;
        this.title = title;
        this.layerName = layerName;
        this.defaultModules = defaultModules;
    }

    /** @return OpenDelta's name for the method, as in checkpoints: {@code lora}, {@code adapter}, ... */
    public String id() {
        return id;
    }

    /** @return how messages call it, such as {@code LoRA} */
    public String title() {
        return title;
    }

    /** @return the name its layers get on a module, such as {@code lora} */
    public String layerName() {
        return layerName;
    }

    /** @return the modules it modifies when a spec names none, in unified names; empty for soft prompts */
    public List<String> defaultModules() {
        return defaultModules;
    }
}
