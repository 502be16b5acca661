package org.delta4j.spec;

/** A tuning spec that breaks one of the rules; the message starts with the problem's tag. */
public final class SpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final Problem problem;

    /**
     * @param problem which rule was broken
     * @param message the formatted message, from {@link Problem#format}
     */
    public SpecException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    /** @return which rule was broken */
    public Problem problem() {
        return problem;
    }
}
