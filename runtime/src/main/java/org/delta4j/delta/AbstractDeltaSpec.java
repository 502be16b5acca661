package org.delta4j.delta;

import java.util.List;
import java.util.Map;
import org.delta4j.spec.Argument;
import org.delta4j.spec.Method;
import org.delta4j.spec.ModelStructure;

/**
 * What every delta spec shares: its method, the module patterns and exclusions, and the method's
 * argument values, fixed when the builder builds. Its name, default modules and config come from
 * the method's declaration.
 */
public abstract class AbstractDeltaSpec implements DeltaSpec {
    private final Method method;
    private final List<String> modules;
    private final List<String> exclude;
    private final Map<String, Object> values;

    /**
     * @param builder the builder whose method, patterns, exclusions and values this spec keeps
     */
    protected AbstractDeltaSpec(AbstractDeltaSpecBuilder<?> builder) {
        this.method = builder.method();
        this.modules = builder.modulePatterns();
        this.exclude = builder.exclusions();
        this.values = builder.values();
    }

    @Override
    public final String method() {
        return method.id();
    }

    @Override
    public final List<String> modules() {
        return modules;
    }

    @Override
    public final List<String> exclude() {
        return exclude;
    }

    @Override
    public final List<String> defaultModules() {
        return method.defaultModules();
    }

    @Override
    public final Map<String, Object> arguments() {
        return method.declaration().configOf(values);
    }

    /**
     * Checks that this delta can modify a module, with its method's rule: the one the annotation
     * processor applies.
     *
     * @param structure the backbone's structure
     * @param target the module
     * @throws org.delta4j.spec.SpecException tagged {@code unsupported-module} (or {@code
     *     indivisible}) when it cannot
     */
    public final void checkTarget(ModelStructure structure, ModelStructure.Module target) {
        method.declaration().rule().check(method.title(), structure, target, values);
    }

    /**
     * @param argument one of the method's arguments
     * @param <T> its type
     * @return its value in this spec
     */
    protected final <T> T value(Argument<T> argument) {
        return argument.in(values);
    }
}
