package org.delta4j.spec;

import java.util.List;

/**
 * The arguments several delta methods share: the module patterns and exclusions, and the adapters'
 * non-linearity.
 */
public final class DeltaArguments {
    /**
     * The module patterns to modify (OpenDelta's {@code modified_modules}), of every method that
     * takes patterns.
     */
    public static final Argument<List<String>> MODULES =
            Argument.strings(
                    "modules",
                    "modified_modules",
                    List.of(),
                    ArgumentRule.MODULE_PATTERN,
                    "the module patterns to modify");

    /**
     * The path prefixes never modified (OpenDelta's {@code exclude_modules}), of every method that
     * takes patterns.
     */
    public static final Argument<List<String>> EXCLUDE =
            Argument.strings(
                    "exclude",
                    "exclude_modules",
                    List.of("lm_head"),
                    ArgumentRule.ANY,
                    "the module path prefixes never to modify");

    /** The adapter family's non-linearity between the down and up projections. */
    public static final Argument<String> NON_LINEARITY =
            Argument.string(
                    "nonLinearity",
                    "non_linearity",
                    "gelu_new",
                    ArgumentRule.NON_LINEARITY,
                    "the non-linearity's name");

    private DeltaArguments() {}
}
