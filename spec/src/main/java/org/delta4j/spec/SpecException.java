package org.delta4j.spec;

/**
 * A tuning spec that breaks one of the rules; the message starts with the problem's tag. A problem
 * caused by one argument's value (such as Compacter's {@code hypercomplexDivision} against a
 * module's size) names that argument, so the annotation processor can put the error on it. Built by
 * {@link Problem#exception} and {@link Problem#exceptionAbout}, so the problem and its message
 * always agree.
 */
public final class SpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final Problem problem;
    private final String argument;

    /**
     * @param problem which rule was broken
     * @param message the formatted message, from {@link Problem#format}
     * @param argument the argument whose value broke it, such as {@code "reductionFactor"}, or
     *     {@code null} when the problem is about the modules rather than one argument
     */
    SpecException(Problem problem, String message, String argument) {
        super(message);
        this.problem = problem;
        this.argument = argument;
    }

    /**
     * @return which rule was broken
     */
    public Problem problem() {
        return problem;
    }

    /**
     * @return the argument whose value broke the rule, or {@code null} when it is about the modules
     */
    public String argument() {
        return argument;
    }
}
