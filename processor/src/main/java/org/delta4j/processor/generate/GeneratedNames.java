package org.delta4j.processor.generate;

import com.squareup.javapoet.ClassName;

/**
 * The runtime and JDK types that generated wiring refers to, by name: the processor never loads
 * them.
 */
final class GeneratedNames {
    static final ClassName BLOCK = ClassName.get("ai.djl.nn", "Block");
    static final ClassName TUNING = ClassName.get("org.delta4j.delta", "Tuning");
    static final ClassName TUNING_PLAN = ClassName.get("org.delta4j.delta", "TuningPlan");
    static final ClassName TUNING_SPEC = ClassName.get("org.delta4j.delta", "TuningSpec");
    static final ClassName CHECKPOINT = ClassName.get("org.delta4j.checkpoint", "DeltaCheckpoint");
    static final ClassName HF_MODELS = ClassName.get("org.delta4j.models.hf", "HfModels");
    static final ClassName ND_MANAGER = ClassName.get("ai.djl.ndarray", "NDManager");
    static final ClassName PATH = ClassName.get("java.nio.file", "Path");
    static final ClassName IO_EXCEPTION = ClassName.get("java.io", "IOException");
    static final ClassName SPEC_EXCEPTION = ClassName.get("org.delta4j.spec", "SpecException");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    private GeneratedNames() {}
}
