package org.delta4j.processor.model;

import java.util.Map;
import org.delta4j.spec.ModelStructure;

/**
 * Whether a delta can modify one module of the backbone, by one of {@link org.delta4j.spec.TargetRules}: the rule
 * the runtime's method applies when it plans.
 */
@FunctionalInterface
public interface ModuleRule {
    /** Accepts every module. */
    ModuleRule ANY = (subject, structure, target, values) -> target.path();

    /**
     * @param subject how to name the delta in messages, such as {@code @Lora(name = "attn")}
     * @param structure the backbone's structure
     * @param target the module
     * @param values the annotation's checked values by attribute name
     * @return the path of the module the delta's layer goes on: the target's, or for prefix tuning its attention
     *     block's
     * @throws org.delta4j.spec.SpecException when the delta cannot modify it; naming an argument when its value is
     *     the cause
     */
    String check(String subject, ModelStructure structure, ModelStructure.Module target, Map<String, Object> values);
}
