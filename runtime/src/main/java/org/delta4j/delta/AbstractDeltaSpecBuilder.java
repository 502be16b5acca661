package org.delta4j.delta;

import java.util.List;
import org.delta4j.spec.ModulePattern;

/**
 * What every delta builder shares: the module patterns (checked as they are set) and the exclusions, which default
 * to OpenDelta's {@code ["lm_head"]}.
 *
 * @param <B> the concrete builder
 */
public abstract class AbstractDeltaSpecBuilder<B extends AbstractDeltaSpecBuilder<B>> {
    /** OpenDelta's default exclusions. */
    public static final List<String> DEFAULT_EXCLUDE = List.of("lm_head");

    private List<String> modules = List.of();
    private List<String> exclude = DEFAULT_EXCLUDE;

    /** Only subclasses build. */
    protected AbstractDeltaSpecBuilder() {}

    /**
     * @param patterns the modules to modify, by OpenDelta's addressing rules ({@code "fc2"}, {@code "[r]..."})
     * @return this builder
     * @throws org.delta4j.spec.SpecException for an empty pattern or a broken regex
     */
    public final B modules(String... patterns) {
        for (String p : patterns) {
            ModulePattern.parse(p);
        }
        this.modules = List.of(patterns);
        return self();
    }

    /**
     * @param prefixes module path prefixes never to modify
     * @return this builder
     */
    public final B exclude(String... prefixes) {
        this.exclude = List.of(prefixes);
        return self();
    }

    /** @return the module patterns set so far */
    public final List<String> modulePatterns() {
        return modules;
    }

    /** @return the exclusions set so far */
    public final List<String> exclusions() {
        return exclude;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
