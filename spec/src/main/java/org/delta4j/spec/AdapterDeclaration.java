package org.delta4j.spec;

/** The bottleneck adapter's arguments and facts. */
public final class AdapterDeclaration {
    /** The bottleneck size. */
    public static final Argument<Integer> BOTTLENECK =
            Argument.integer(
                    "bottleneck",
                    "bottleneck_dim",
                    24,
                    ArgumentRule.AT_LEAST_ONE,
                    "the bottleneck size");

    static final MethodDeclaration DECLARATION =
            MethodDeclaration.builder("adapter")
                    .title("Adapter")
                    .annotation("Adapter", true)
                    .runtimePackage("org.delta4j.delta.adapter")
                    .targets(
                            Targeting.MODULES,
                            (subject, structure, target, values) -> {
                                TargetRules.hidden(subject, target);
                                return target.path();
                            })
                    .defaultModules("attn.proj", "ff.w2")
                    .arguments(BOTTLENECK, DeltaArguments.NON_LINEARITY)
                    .build();

    private AdapterDeclaration() {}
}
