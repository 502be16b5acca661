package org.delta4j.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the module names closest to a pattern that matched nothing, for "did you mean" hints. A
 * pattern with k dotted components is compared with every distinct k-component tail of the known
 * paths, by edit distance.
 */
public final class NameSuggestions {
    private NameSuggestions() {}

    /**
     * @param pattern the pattern text (a {@code [r]} prefix is ignored)
     * @param paths every module path of the backbone
     * @param max how many suggestions at most
     * @return the closest names, nearest first
     */
    public static List<String> closest(String pattern, Collection<String> paths, int max) {
        String query =
                pattern.startsWith(ModulePattern.REGEX_PREFIX)
                        ? pattern.substring(ModulePattern.REGEX_PREFIX.length())
                        : pattern;
        int parts = query.split("\\.", -1).length;
        Set<String> candidates = new LinkedHashSet<>();
        for (String path : paths) {
            String[] p = path.split("\\.");
            if (path.isEmpty() || p.length < parts) {
                continue;
            }
            String tail = String.join(".", List.of(p).subList(p.length - parts, p.length));
            // A bare layer index ("3") is never what a misspelt module name meant.
            if (!tail.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                candidates.add(tail);
            }
        }
        List<String> sorted = new ArrayList<>(candidates);
        sorted.sort(
                Comparator.comparingInt((String c) -> distance(query, c)).thenComparing(c -> c));
        return sorted.subList(0, Math.min(max, sorted.size()));
    }

    /**
     * The hint sentence appended to an unknown-module message.
     *
     * @param pattern the pattern that matched nothing
     * @param paths every module path of the backbone
     * @return for example {@code Did you mean "fc2", "fc1" or "q_proj"?}
     */
    public static String hint(String pattern, Collection<String> paths) {
        List<String> names = closest(pattern, paths, 3);
        if (names.isEmpty()) {
            List<String> some = paths.stream().filter(p -> !p.isEmpty()).limit(3).toList();
            return some.isEmpty()
                    ? Problem.NOTHING_TO_SUGGEST
                    : Problem.detail(Problem.MODULES_INCLUDE, Wording.quotedAll(some));
        }
        return Problem.detail(Problem.DID_YOU_MEAN, Wording.quotedEither(names));
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
