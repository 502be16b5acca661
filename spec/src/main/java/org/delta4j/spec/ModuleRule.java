package org.delta4j.spec;

import java.util.Map;

/**
 * Whether a delta can modify one module of the backbone, by one of {@link TargetRules}: the rule
 * the runtime's method applies when it plans and the annotation processor applies when it compiles.
 */
@FunctionalInterface
public interface ModuleRule {
    /** Accepts every module. */
    ModuleRule ANY = (subject, structure, target, values) -> target.path();

    /**
     * @param subject how to name the delta in messages, such as {@code @Lora(name = "attn")} or
     *     {@code LoRA}
     * @param structure the backbone's structure
     * @param target the module
     * @param values the delta's checked argument values by argument name, read typed with {@link
     *     Argument#in}
     * @return the path of the module the delta's layer goes on: the target's, or for prefix tuning
     *     its attention block's
     * @throws SpecException when the delta cannot modify it; naming an argument when its value is
     *     the cause
     */
    String check(
            String subject,
            ModelStructure structure,
            ModelStructure.Module target,
            Map<String, ?> values);
}
