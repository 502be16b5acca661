package org.delta4j.delta;

import org.delta4j.spec.ArgumentRules;
import org.delta4j.spec.DeltaArguments;
import org.delta4j.spec.Method;

/**
 * What the adapter family's builders share besides the targets: the non-linearity, checked as it is
 * set.
 *
 * @param <B> the concrete builder
 */
public abstract class AbstractAdapterSpecBuilder<B extends AbstractAdapterSpecBuilder<B>>
        extends AbstractDeltaSpecBuilder<B> {
    /**
     * @param method the adapter method this builder's specs are of
     */
    protected AbstractAdapterSpecBuilder(Method method) {
        super(method);
    }

    /**
     * @param name one of {@link ArgumentRules#NON_LINEARITIES}
     * @return this builder
     */
    public final B nonLinearity(String name) {
        return set(DeltaArguments.NON_LINEARITY, name);
    }
}
