package org.delta4j.spec;

/** Prompt tuning's arguments and facts. */
public final class SoftPromptDeclaration {
    /** The number of soft tokens. */
    public static final Argument<Integer> SOFT_TOKEN_NUM =
            Argument.integer(
                    "softTokenNum",
                    "soft_token_num",
                    100,
                    ArgumentRule.AT_LEAST_ONE,
                    "the number of soft tokens");

    /** The range of the uniform initialisation. */
    public static final Argument<Double> INIT_RANGE =
            Argument.number(
                    "initRange",
                    "init_range",
                    0.5,
                    ArgumentRule.POSITIVE,
                    "the range of the uniform initialisation");

    /** Whether the soft tokens start as token embeddings. */
    public static final Argument<Boolean> TOKEN_INIT =
            Argument.flag(
                    "tokenInit",
                    "token_init",
                    true,
                    "whether the soft tokens start as token embeddings");

    /**
     * It takes no modules: it goes on the encoder; its layer is OpenDelta's {@code
     * soft_prompt_layer}.
     */
    static final MethodDeclaration DECLARATION =
            MethodDeclaration.builder("soft_prompt")
                    .title("SoftPrompt")
                    .layerName("soft_prompt_layer")
                    .annotation("SoftPrompt", false)
                    .runtimePackage("org.delta4j.delta.softprompt")
                    .targets(Targeting.ENCODER, ModuleRule.ANY)
                    .arguments(SOFT_TOKEN_NUM, INIT_RANGE, TOKEN_INIT)
                    .build();

    private SoftPromptDeclaration() {}
}
