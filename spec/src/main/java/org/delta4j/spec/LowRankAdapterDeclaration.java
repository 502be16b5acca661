package org.delta4j.spec;

/** The low-rank adapter's arguments and facts. */
public final class LowRankAdapterDeclaration {
    /** The module's size divided by this is the bottleneck. */
    public static final Argument<Integer> REDUCTION_FACTOR =
            Argument.integer(
                    "reductionFactor",
                    "reduction_factor",
                    32,
                    ArgumentRule.AT_LEAST_ONE,
                    "the module's size divided by this is the bottleneck");

    /** The rank of each projection's weight. */
    public static final Argument<Integer> RANK =
            Argument.integer(
                    "rank",
                    "low_rank_rank",
                    1,
                    ArgumentRule.AT_LEAST_ONE,
                    "the rank of each projection's weight");

    static final MethodDeclaration DECLARATION =
            MethodDeclaration.builder("low_rank_adapter")
                    .title("LowRankAdapter")
                    .annotation("LowRankAdapter", true)
                    .runtimePackage("org.delta4j.delta.lowrank")
                    .targets(
                            Targeting.MODULES,
                            (subject, structure, target, values) -> {
                                TargetRules.bottleneck(
                                        subject, target, REDUCTION_FACTOR.in(values));
                                return target.path();
                            })
                    .defaultModules("attn.proj", "ff.w2")
                    .arguments(REDUCTION_FACTOR, RANK, DeltaArguments.NON_LINEARITY)
                    .config(
                            REDUCTION_FACTOR,
                            DeltaArguments.NON_LINEARITY,
                            new FixedValue(
                                    "low_rank_w_init", "glorot-uniform", "how the factors start"),
                            RANK)
                    .build();

    private LowRankAdapterDeclaration() {}
}
