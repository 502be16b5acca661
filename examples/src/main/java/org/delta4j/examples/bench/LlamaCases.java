package org.delta4j.examples.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The Llama-family benchmark's cases by name; {@code bench/llama_bench.py} implements the same
 * names for PyTorch.
 */
final class LlamaCases {
    private static final Map<String, Function<LlamaSetup, BenchCase>> CASES = new LinkedHashMap<>();

    static {
        CASES.put("load", LoadCase::new);
        CASES.put("forward", ForwardCase::causal);
        CASES.put("train-lora", CausalLoraStepCase::new);
    }

    private LlamaCases() {}

    /**
     * @return the case names, in their default order
     */
    static Set<String> names() {
        return CASES.keySet();
    }

    /**
     * @param name a case name, one of {@link #names()}
     * @param setup the folder and input shape
     * @return the case, built and ready to run
     */
    static BenchCase create(String name, LlamaSetup setup) {
        return CASES.get(name).apply(setup);
    }
}
