package org.delta4j.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Selects the modules a delta modifies: every path that some pattern matches and no exclusion covers. An exclusion
 * is a module path prefix at a dot boundary ({@code lm_head} covers {@code lm_head} and {@code lm_head.x}).
 * A pattern that matches nothing is an error that names it and the closest existing names.
 */
public final class ModuleSelector {
    private final List<ModulePattern> patterns;
    private final List<String> exclusions;

    /**
     * @param patterns the module patterns, parsed with {@link ModulePattern#parse}
     * @param exclusions path prefixes that are never selected
     */
    public ModuleSelector(Collection<String> patterns, Collection<String> exclusions) {
        this.patterns = new ArrayList<>();
        for (String p : patterns) {
            this.patterns.add(ModulePattern.parse(p));
        }
        this.exclusions = List.copyOf(exclusions);
    }

    /**
     * @param path a module path
     * @return whether an exclusion covers it
     */
    public boolean excluded(String path) {
        for (String e : exclusions) {
            if (path.equals(e) || path.startsWith(e + ".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Selects from the backbone's module paths, in their order.
     *
     * @param paths every module path of the backbone, in tree order
     * @param backboneName how to name the backbone in an error
     * @return the selected paths
     * @throws SpecException tagged {@link Problem#UNKNOWN_MODULE} for the first pattern that matches nothing
     */
    public List<String> select(List<String> paths, String backboneName) {
        for (ModulePattern p : patterns) {
            if (paths.stream().noneMatch(path -> !excluded(path) && p.matches(path))) {
                String hint = paths.stream().anyMatch(p::matches)
                        ? "It matches only excluded modules (exclude = " + exclusions + "); remove the exclusion or "
                                + "name other modules."
                        : NameSuggestions.hint(p.text(), paths);
                throw new SpecException(Problem.UNKNOWN_MODULE, Problem.UNKNOWN_MODULE.format(p.text(), backboneName, hint));
            }
        }
        List<String> selected = new ArrayList<>();
        for (String path : paths) {
            if (!excluded(path) && patterns.stream().anyMatch(p -> p.matches(path))) {
                selected.add(path);
            }
        }
        return selected;
    }
}
