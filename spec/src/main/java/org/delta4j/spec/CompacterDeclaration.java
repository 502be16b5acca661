package org.delta4j.spec;

/** Compacter's arguments and facts. */
public final class CompacterDeclaration {
    /** The module's size divided by this is the bottleneck. */
    public static final Argument<Integer> REDUCTION_FACTOR =
            Argument.integer(
                    "reductionFactor",
                    "reduction_factor",
                    16,
                    ArgumentRule.AT_LEAST_ONE,
                    "the module's size divided by this is the bottleneck");

    /** The number of Kronecker terms, {@code n}. */
    public static final Argument<Integer> HYPERCOMPLEX_DIVISION =
            Argument.integer(
                    "hypercomplexDivision",
                    "hypercomplex_division",
                    4,
                    ArgumentRule.AT_LEAST_ONE,
                    "the number of Kronecker terms, dividing the module's size and the bottleneck");

    /** The rank of each factorised weight. */
    public static final Argument<Integer> PHM_RANK =
            Argument.integer(
                    "phmRank",
                    "phm_rank",
                    1,
                    ArgumentRule.AT_LEAST_ONE,
                    "the rank of each factorised weight");

    /** Its layers keep OpenDelta's spelling, {@code compactor}. */
    static final MethodDeclaration DECLARATION =
            MethodDeclaration.builder("compacter")
                    .title("Compacter")
                    .layerName("compactor")
                    .annotation("Compacter", true)
                    .runtimePackage("org.delta4j.delta.compacter")
                    .targets(
                            Targeting.MODULES,
                            (subject, structure, target, values) -> {
                                TargetRules.hypercomplex(
                                        subject,
                                        target,
                                        REDUCTION_FACTOR.in(values),
                                        HYPERCOMPLEX_DIVISION.in(values));
                                return target.path();
                            })
                    .defaultModules("attn.proj", "ff.w2")
                    .arguments(
                            REDUCTION_FACTOR,
                            HYPERCOMPLEX_DIVISION,
                            PHM_RANK,
                            DeltaArguments.NON_LINEARITY)
                    .config(
                            REDUCTION_FACTOR,
                            DeltaArguments.NON_LINEARITY,
                            HYPERCOMPLEX_DIVISION,
                            PHM_RANK,
                            new FixedValue(
                                    "factorized_phm",
                                    true,
                                    "whether the PHM weights are factorised"),
                            new FixedValue(
                                    "learn_phm", true, "whether the rule matrices are learned"))
                    .build();

    private CompacterDeclaration() {}
}
