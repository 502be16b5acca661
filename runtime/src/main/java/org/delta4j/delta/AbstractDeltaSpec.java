package org.delta4j.delta;

import java.util.List;

/** What every delta spec shares: the module patterns and the exclusions, fixed when the builder builds. */
public abstract class AbstractDeltaSpec implements DeltaSpec {
    private final List<String> modules;
    private final List<String> exclude;

    /** @param builder the builder whose patterns and exclusions this spec keeps */
    protected AbstractDeltaSpec(AbstractDeltaSpecBuilder<?> builder) {
        this.modules = builder.modulePatterns();
        this.exclude = builder.exclusions();
    }

    @Override
    public final List<String> modules() {
        return modules;
    }

    @Override
    public final List<String> exclude() {
        return exclude;
    }
}
