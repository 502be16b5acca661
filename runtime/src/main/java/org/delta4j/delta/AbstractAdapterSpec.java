package org.delta4j.delta;

/**
 * What the adapter family's specs (Adapter, ParallelAdapter, LowRankAdapter, Compacter) share besides the targets:
 * the non-linearity between the down and up projections.
 */
public abstract class AbstractAdapterSpec extends AbstractDeltaSpec {
    /** OpenDelta's default non-linearity. */
    public static final String DEFAULT_NON_LINEARITY = "gelu_new";

    private final String nonLinearity;

    /** @param builder the builder whose targets and non-linearity this spec keeps */
    protected AbstractAdapterSpec(AbstractAdapterSpecBuilder<?> builder) {
        super(builder);
        this.nonLinearity = builder.nonLinearityName();
    }

    /** @return the non-linearity's name */
    public final String nonLinearity() {
        return nonLinearity;
    }
}
