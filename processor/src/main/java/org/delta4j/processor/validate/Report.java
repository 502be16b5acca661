package org.delta4j.processor.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import org.delta4j.spec.SpecException;

/**
 * Collects every error found on one spec type, each with the annotation and value it is about, so a user sees all
 * of them in one build; code is generated only from a clean report.
 */
public final class Report {
    private record Error(String message, AnnotationMirror mirror, AnnotationValue value) {}

    private final Element subject;
    private final List<Error> errors = new ArrayList<>();
    private boolean unresolved;

    /** @param subject the spec type every error is reported on */
    public Report(Element subject) {
        this.subject = subject;
    }

    /**
     * Records an error about the spec type itself.
     *
     * @param message the message, from {@link org.delta4j.spec.Problem#format}
     */
    public void error(String message) {
        errors.add(new Error(message, null, null));
    }

    /**
     * Records an error about an annotation or one of its values.
     *
     * @param message the message, from {@link org.delta4j.spec.Problem#format}
     * @param mirror the annotation
     * @param value the value, or {@code null} for the whole annotation
     */
    public void error(String message, AnnotationMirror mirror, AnnotationValue value) {
        errors.add(new Error(message, mirror, value));
    }

    /**
     * Runs a rule and records the {@link SpecException} it throws as an error on the value.
     *
     * @param mirror the annotation
     * @param value the value the rule checks
     * @param rule the rule, returning its result
     * @param <T> the result's type
     * @return the result, or empty when the rule failed
     */
    public <T> Optional<T> attempt(AnnotationMirror mirror, AnnotationValue value, Supplier<T> rule) {
        try {
            return Optional.of(rule.get());
        } catch (SpecException e) {
            error(e.getMessage(), mirror, value);
            return Optional.empty();
        }
    }

    /**
     * Records that a value could not be resolved, such as a missing constant. The compiler reports that itself,
     * so this adds no message; it only stops generation.
     */
    public void unresolved() {
        unresolved = true;
    }

    /** @return whether nothing is wrong, so code may be generated */
    public boolean isClean() {
        return errors.isEmpty() && !unresolved;
    }

    /**
     * Prints every error, in the order found, each at its value: inside a repeated annotation through
     * {@code positions}, elsewhere through the messager.
     *
     * @param messager the compiler's messager
     * @param positions finds values inside repeated annotations
     */
    public void printTo(Messager messager, Positions positions) {
        for (Error e : errors) {
            if (!positions.print(e.message(), subject, e.mirror(), e.value())) {
                messager.printMessage(Diagnostic.Kind.ERROR, e.message(), subject, e.mirror(), e.value());
            }
        }
    }
}
