package org.delta4j.spec;

import java.util.List;

/**
 * The freeze's arguments and facts, in a method's form so the processor treats its annotation like
 * the deltas' (it is no {@link Method}: it modifies no module).
 */
public final class FreezeDeclaration {
    /**
     * What stays trainable: the keyword {@value ArgumentRules#FREEZE_DELTAS} and module or
     * parameter patterns.
     */
    public static final Argument<List<String>> EXCLUDE =
            Argument.strings(
                    "exclude",
                    "exclude",
                    List.of(ArgumentRules.FREEZE_DELTAS),
                    ArgumentRule.FREEZE_EXCLUDE,
                    "the keyword \"deltas\" and the module patterns to keep trainable");

    /** Whether the state dict keeps only trainable parameters. */
    public static final Argument<Boolean> SET_STATE_DICT =
            Argument.flag(
                    "setStateDict",
                    "set_state_dict",
                    true,
                    "whether the state dict keeps only trainable parameters");

    /** The freeze, built by {@code org.delta4j.delta.FreezeSpec}. */
    public static final MethodDeclaration DECLARATION =
            MethodDeclaration.builder("freeze")
                    .title("Freeze")
                    .annotation("Freeze", false)
                    .runtimePackage("org.delta4j.delta")
                    .targets(Targeting.NONE, ModuleRule.ANY)
                    .arguments(EXCLUDE, SET_STATE_DICT)
                    .build();

    private FreezeDeclaration() {}
}
