package org.delta4j.delta;

import org.delta4j.spec.DeltaArguments;

/**
 * What the adapter family's specs (Adapter, ParallelAdapter, LowRankAdapter, Compacter) share
 * besides the targets: the non-linearity between the down and up projections.
 */
public abstract class AbstractAdapterSpec extends AbstractDeltaSpec {
    /**
     * @param builder the builder whose targets and values this spec keeps
     */
    protected AbstractAdapterSpec(AbstractAdapterSpecBuilder<?> builder) {
        super(builder);
    }

    /**
     * @return the non-linearity's name
     */
    public final String nonLinearity() {
        return value(DeltaArguments.NON_LINEARITY);
    }
}
