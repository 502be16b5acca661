package org.delta4j.spec;

/** The parallel adapter's arguments and facts. */
public final class ParallelAdapterDeclaration {
    /** The bottleneck size. */
    public static final Argument<Integer> BOTTLENECK =
            Argument.integer(
                    "bottleneck",
                    "bottleneck_dim",
                    24,
                    ArgumentRule.AT_LEAST_ONE,
                    "the bottleneck size");

    /**
     * The factor on the adapter's output (OpenDelta's config has it; its model never changes it).
     */
    public static final Argument<Double> SCALED =
            Argument.number(
                    "scaled",
                    "scaled",
                    1.0,
                    ArgumentRule.POSITIVE,
                    "the factor on the adapter's output");

    /** Its default pairs span each attention block and each feed-forward. */
    static final MethodDeclaration DECLARATION =
            MethodDeclaration.builder("parallel_adapter")
                    .title("ParallelAdapter")
                    .annotation("ParallelAdapter", true)
                    .runtimePackage("org.delta4j.delta.paralleladapter")
                    .targets(
                            Targeting.PAIRS,
                            (subject, structure, target, values) -> {
                                TargetRules.inAndOut(subject, target);
                                return target.path();
                            })
                    .defaultModules("attn", "attn", "ff.w1", "ff.w2")
                    .arguments(BOTTLENECK, DeltaArguments.NON_LINEARITY, SCALED)
                    .build();

    private ParallelAdapterDeclaration() {}
}
