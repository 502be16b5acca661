package org.delta4j.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Selects the modules a delta modifies: every path that some pattern matches (directly or through
 * one of the module's unified names) and no exclusion covers. An exclusion is a module path prefix
 * at a dot boundary ({@code lm_head} covers {@code lm_head} and {@code lm_head.x}). A pattern that
 * matches nothing is an error that names it and the closest existing names.
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
     * @throws SpecException tagged {@link Problem#UNKNOWN_MODULE} for the first pattern that
     *     matches nothing
     */
    public List<String> select(List<String> paths, String backboneName) {
        return select(paths, Map.of(), backboneName);
    }

    /**
     * Selects from the backbone's module paths, in their order, where a pattern may also match a
     * module's unified names (OpenDelta's common structure: {@code attn.q}, {@code ff.w2}, ...).
     *
     * @param paths every module path of the backbone, in tree order
     * @param aliases the unified names of the modules that have some, by path
     * @param backboneName how to name the backbone in an error
     * @return the selected paths
     * @throws SpecException tagged {@link Problem#UNKNOWN_MODULE} for the first pattern that
     *     matches nothing
     */
    public List<String> select(
            List<String> paths, Map<String, List<String>> aliases, String backboneName) {
        for (ModulePattern p : patterns) {
            if (paths.stream().noneMatch(path -> !excluded(path) && matches(p, path, aliases))) {
                String hint =
                        paths.stream().anyMatch(path -> matches(p, path, aliases))
                                ? Problem.detail(Problem.ONLY_EXCLUDED, exclusions)
                                : NameSuggestions.hint(p.text(), withAliases(paths, aliases));
                throw Problem.UNKNOWN_MODULE.exception(p.text(), backboneName, hint);
            }
        }
        List<String> selected = new ArrayList<>();
        for (String path : paths) {
            if (!excluded(path) && patterns.stream().anyMatch(p -> matches(p, path, aliases))) {
                selected.add(path);
            }
        }
        return selected;
    }

    private static boolean matches(
            ModulePattern p, String path, Map<String, List<String>> aliases) {
        return p.matches(path)
                || aliases.getOrDefault(path, List.of()).stream().anyMatch(p::matches);
    }

    private static List<String> withAliases(List<String> paths, Map<String, List<String>> aliases) {
        List<String> all = new ArrayList<>(paths);
        aliases.values().forEach(all::addAll);
        return all;
    }
}
