package org.delta4j.delta;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.spec.Argument;
import org.delta4j.spec.DeltaArguments;
import org.delta4j.spec.Method;

/**
 * What every delta builder shares: the module patterns and exclusions, and the method's arguments,
 * starting at their declared defaults ({@link org.delta4j.spec.MethodDeclaration}). Every value is
 * checked as it is set, by the rule its declaration names, which the annotation processor applies
 * too.
 *
 * @param <B> the concrete builder
 */
public abstract class AbstractDeltaSpecBuilder<B extends AbstractDeltaSpecBuilder<B>> {
    private final Method method;
    private final Map<String, Object> values;
    private List<String> modules = DeltaArguments.MODULES.defaultValue();
    private List<String> exclude;

    /**
     * @param method the method this builder's specs are of
     */
    protected AbstractDeltaSpecBuilder(Method method) {
        this.method = method;
        this.values = method.declaration().defaults();
        // A method without patterns (the soft prompt) excludes nothing.
        this.exclude =
                method.declaration().targeting().takesPatterns()
                        ? DeltaArguments.EXCLUDE.defaultValue()
                        : List.of();
    }

    /**
     * @param patterns the modules to modify, by OpenDelta's addressing rules ({@code "fc2"}, {@code
     *     "[r]..."})
     * @return this builder
     * @throws org.delta4j.spec.SpecException for an empty pattern or a broken regex
     */
    public final B modules(String... patterns) {
        this.modules = DeltaArguments.MODULES.check(List.of(patterns));
        return self();
    }

    /**
     * @param prefixes module path prefixes never to modify
     * @return this builder
     */
    public final B exclude(String... prefixes) {
        this.exclude = DeltaArguments.EXCLUDE.check(List.of(prefixes));
        return self();
    }

    /**
     * Sets one of the method's arguments; the typed setters of each builder delegate here.
     *
     * @param argument one of the method's arguments ({@link
     *     org.delta4j.spec.MethodDeclaration#arguments()})
     * @param value its value, of the argument's type
     * @return this builder
     * @throws IllegalArgumentException when the argument is not the method's, or the value not of
     *     its type
     * @throws org.delta4j.spec.SpecException when the value breaks the argument's rule
     */
    public final B set(Argument<?> argument, Object value) {
        if (!method.declaration().arguments().contains(argument)) {
            throw new IllegalArgumentException(
                    method.title()
                            + " has no argument "
                            + argument.name()
                            + "; its "
                            + "arguments are "
                            + method.declaration().arguments()
                            + ".");
        }
        values.put(argument.name(), argument.check(value));
        return self();
    }

    /**
     * @return the module patterns set so far
     */
    public final List<String> modulePatterns() {
        return modules;
    }

    /**
     * @return the exclusions set so far
     */
    public final List<String> exclusions() {
        return exclude;
    }

    /**
     * @return the spec with this builder's values
     */
    public abstract DeltaSpec build();

    /**
     * @return the method its specs are of
     */
    final Method method() {
        return method;
    }

    /**
     * @return a copy of the arguments' values so far, by argument name
     */
    final Map<String, Object> values() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
