package org.delta4j.processor.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import org.delta4j.spec.Problem;
import org.delta4j.spec.Severity;
import org.delta4j.spec.SpecException;
import org.delta4j.spec.Wording;

/**
 * Collects every problem found on one spec type, each with the annotation and value it is about, so
 * a user sees all of them in one build; code is generated only from a clean report. It also
 * collects what the compiler could not resolve yet: before the last round such a type waits for the
 * next round and reports nothing, in the last round it reports {@link Problem#UNRESOLVED}.
 */
public final class Report {
    private record Entry(
            Problem problem, String message, AnnotationMirror mirror, AnnotationValue value) {}

    private final TypeElement subject;
    private final boolean lastRound;
    private final List<Entry> entries = new ArrayList<>();
    private final List<String> unresolved = new ArrayList<>();

    /**
     * @param subject the spec type every problem is reported on
     * @param lastRound whether this is the compiler's last round, after which nothing can be
     *     resolved any more
     */
    public Report(TypeElement subject, boolean lastRound) {
        this.subject = subject;
        this.lastRound = lastRound;
    }

    /**
     * Records a problem of the spec type itself.
     *
     * @param problem the problem
     * @param args its message's arguments
     */
    public void add(Problem problem, Object... args) {
        addAt(null, null, problem, args);
    }

    /**
     * Records a problem of an annotation or one of its values.
     *
     * @param mirror the annotation
     * @param value the value, or {@code null} for the whole annotation
     * @param problem the problem
     * @param args its message's arguments
     */
    public void addAt(
            AnnotationMirror mirror, AnnotationValue value, Problem problem, Object... args) {
        entries.add(entry(mirror, value, problem, args));
    }

    /**
     * Records a problem that a shared rule threw.
     *
     * @param e the rule's exception
     * @param mirror the annotation
     * @param value the value, or {@code null} for the whole annotation
     */
    public void add(SpecException e, AnnotationMirror mirror, AnnotationValue value) {
        entries.add(new Entry(e.problem(), e.getMessage(), mirror, value));
    }

    /**
     * Runs a rule and records the {@link SpecException} it throws as a problem of the value.
     *
     * @param mirror the annotation
     * @param value the value the rule checks
     * @param rule the rule, returning its result
     * @param <T> the result's type
     * @return the result, or empty when the rule failed
     */
    public <T> Optional<T> attempt(
            AnnotationMirror mirror, AnnotationValue value, Supplier<T> rule) {
        try {
            return Optional.of(rule.get());
        } catch (SpecException e) {
            add(e, mirror, value);
            return Optional.empty();
        }
    }

    /**
     * Records something the compiler could not resolve yet, such as a constant of a class that
     * another processor generates in a later round. The compiler reports the missing symbol itself
     * in its last round.
     *
     * @param what how to name it, such as {@code Missing.SIZE in @Adapter(bottleneck)}
     */
    public void unresolved(String what) {
        unresolved.add(what);
    }

    /**
     * @return whether the type must wait for the next round: something is unresolved and more
     *     rounds will come
     */
    public boolean isDeferred() {
        return !unresolved.isEmpty() && !lastRound;
    }

    /**
     * @return whether nothing is wrong or unresolved, so code may be generated
     */
    public boolean isClean() {
        return unresolved.isEmpty()
                && entries.stream().noneMatch(e -> e.problem().severity() == Severity.ERROR);
    }

    /**
     * Prints every problem with its kind, in the order found, each at its value: inside a repeated
     * annotation through {@code positions}, elsewhere through the messager. In the last round, what
     * is still unresolved is one more error on the type.
     *
     * @param messager the compiler's messager
     * @param positions finds values inside repeated annotations
     */
    public void printTo(Messager messager, Positions positions) {
        List<Entry> all = new ArrayList<>(entries);
        if (lastRound && !unresolved.isEmpty()) {
            all.add(
                    entry(
                            null,
                            null,
                            Problem.UNRESOLVED,
                            subject.getQualifiedName(),
                            Wording.all(unresolved)));
        }
        for (Entry e : all) {
            Diagnostic.Kind kind = kindOf(e.problem().severity());
            if (!positions.print(kind, e.message(), subject, e.mirror(), e.value())) {
                messager.printMessage(kind, e.message(), subject, e.mirror(), e.value());
            }
        }
    }

    private static Entry entry(
            AnnotationMirror mirror, AnnotationValue value, Problem problem, Object... args) {
        return new Entry(problem, problem.format(args), mirror, value);
    }

    private static Diagnostic.Kind kindOf(Severity severity) {
        return switch (severity) {
            case ERROR -> Diagnostic.Kind.ERROR;
            case WARNING -> Diagnostic.Kind.WARNING;
            case NOTE -> Diagnostic.Kind.NOTE;
        };
    }
}
