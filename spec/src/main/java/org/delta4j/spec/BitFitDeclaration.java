package org.delta4j.spec;

/** BitFit's facts; it has no arguments of its own. */
final class BitFitDeclaration {
    static final MethodDeclaration DECLARATION =
            MethodDeclaration.builder("bitfit")
                    .title("BitFit")
                    .annotation("BitFit", false)
                    .runtimePackage("org.delta4j.delta.bitfit")
                    .targets(
                            Targeting.MODULES,
                            (subject, structure, target, values) -> {
                                TargetRules.biases(subject, structure, target);
                                return target.path();
                            })
                    .defaultModules("attn", "ff", "layer_norm")
                    .build();

    private BitFitDeclaration() {}
}
