package org.delta4j.spec;

/** Prefix tuning's arguments and facts. */
public final class PrefixDeclaration {
    /** The number of prefix tokens, {@code p}. */
    public static final Argument<Integer> PREFIX_TOKEN_NUM =
            Argument.integer(
                    "prefixTokenNum",
                    "prefix_token_num",
                    6,
                    ArgumentRule.AT_LEAST_ONE,
                    "the number of prefix tokens");

    /** Whether an MLP computes the prefixes. */
    public static final Argument<Boolean> REPARAMETERIZE =
            Argument.flag(
                    "reparameterize",
                    "reparameterize",
                    true,
                    "whether an MLP computes the prefixes");

    /** The reparameterisation's embedding size. */
    public static final Argument<Integer> EMBED_DIM =
            Argument.integer(
                    "embedDim",
                    "embed_dim",
                    512,
                    ArgumentRule.AT_LEAST_ONE,
                    "the reparameterisation's embedding size");

    /** The reparameterisation's hidden size. */
    public static final Argument<Integer> MID_DIM =
            Argument.integer(
                    "midDim",
                    "mid_dim",
                    512,
                    ArgumentRule.AT_LEAST_ONE,
                    "the reparameterisation's hidden size");

    static final MethodDeclaration DECLARATION =
            MethodDeclaration.builder("prefix")
                    .title("Prefix")
                    .annotation("Prefix", true)
                    .runtimePackage("org.delta4j.delta.prefix")
                    .targets(
                            Targeting.MODULES,
                            (subject, structure, target, values) ->
                                    TargetRules.attention(subject, structure, target).path())
                    .defaultModules("attn")
                    .arguments(PREFIX_TOKEN_NUM, REPARAMETERIZE, EMBED_DIM, MID_DIM)
                    .build();

    private PrefixDeclaration() {}
}
