package org.delta4j.delta;

import org.delta4j.spec.ArgumentRules;

/**
 * What the adapter family's builders share besides the targets: the non-linearity, checked as it is set.
 *
 * @param <B> the concrete builder
 */
public abstract class AbstractAdapterSpecBuilder<B extends AbstractAdapterSpecBuilder<B>>
        extends AbstractDeltaSpecBuilder<B> {
    private String nonLinearity = AbstractAdapterSpec.DEFAULT_NON_LINEARITY;

    /** Only subclasses build. */
    protected AbstractAdapterSpecBuilder() {}

    /**
     * @param name one of {@link ArgumentRules#NON_LINEARITIES}
     * @return this builder
     */
    @SuppressWarnings("unchecked")
    public final B nonLinearity(String name) {
        this.nonLinearity = ArgumentRules.oneOf("nonLinearity", name, ArgumentRules.NON_LINEARITIES);
        return (B) this;
    }

    /** @return the non-linearity set so far */
    public final String nonLinearityName() {
        return nonLinearity;
    }
}
