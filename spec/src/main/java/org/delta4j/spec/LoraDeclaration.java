package org.delta4j.spec;

/** LoRA's arguments and facts. */
public final class LoraDeclaration {
    /** The rank. */
    public static final Argument<Integer> R =
            Argument.integer("r", "lora_r", 8, ArgumentRule.AT_LEAST_ONE, "the rank");

    /** The scaling numerator; the update is scaled by {@code alpha / r}. */
    public static final Argument<Double> ALPHA =
            Argument.number(
                    "alpha", "lora_alpha", 16, ArgumentRule.POSITIVE, "the scaling numerator");

    /** The dropout probability on the LoRA path. */
    public static final Argument<Double> DROPOUT =
            Argument.number(
                    "dropout",
                    "lora_dropout",
                    0.0,
                    ArgumentRule.PROBABILITY,
                    "the dropout probability on the LoRA path");

    static final MethodDeclaration DECLARATION =
            MethodDeclaration.builder("lora")
                    .title("LoRA")
                    .annotation("Lora", true)
                    .runtimePackage("org.delta4j.delta.lora")
                    .targets(
                            Targeting.MODULES,
                            (subject, structure, target, values) -> {
                                TargetRules.linear(Method.LORA, subject, structure, target);
                                return target.path();
                            })
                    .defaultModules("attn.q", "attn.v")
                    .arguments(R, ALPHA, DROPOUT)
                    .build();

    private LoraDeclaration() {}
}
