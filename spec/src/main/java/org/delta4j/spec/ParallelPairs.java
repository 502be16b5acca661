package org.delta4j.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a parallel adapter's patterns pair up: read in pairs (from, to), the i-th module that {@code
 * from} matches pairs with the i-th module that {@code to} matches, in tree order, and an odd last
 * pattern pairs with itself (the adapter spans that one module). Each pair must match as many
 * modules on both sides, the end never before the start.
 */
public final class ParallelPairs {
    private ParallelPairs() {}

    /**
     * @param patterns the module patterns, in pairs
     * @return the pairs of patterns, each {@code [from, to]}; an odd last pattern is its own pair
     */
    public static List<List<String>> patternPairs(List<String> patterns) {
        List<List<String>> pairs = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i += 2) {
            String from = patterns.get(i);
            pairs.add(List.of(from, i + 1 < patterns.size() ? patterns.get(i + 1) : from));
        }
        return pairs;
    }

    /**
     * Resolves one pair of patterns.
     *
     * @param subject how to name the delta in messages, such as {@code @ParallelAdapter}
     * @param from the pattern of the modules whose input the adapters read
     * @param to the pattern of the modules whose output the adapters add to
     * @param exclude path prefixes never selected
     * @param paths every module path of the backbone, in tree order
     * @param aliases the unified names of the modules that have some, by path
     * @param backboneName how to name the backbone in messages
     * @return the paired module paths, flattened: from, to, from, to, ...
     * @throws SpecException tagged {@link Problem#UNKNOWN_MODULE} when a pattern matches nothing,
     *     or {@link Problem#UNPAIRED} when the sides do not pair up
     */
    public static List<String> resolve(
            String subject,
            String from,
            String to,
            List<String> exclude,
            List<String> paths,
            Map<String, List<String>> aliases,
            String backboneName) {
        List<String> froms =
                new ModuleSelector(List.of(from), exclude).select(paths, aliases, backboneName);
        List<String> tos =
                new ModuleSelector(List.of(to), exclude).select(paths, aliases, backboneName);
        if (froms.size() != tos.size()) {
            throw Problem.UNPAIRED.exception(
                    Problem.detail(
                            Problem.PAIR_COUNTS,
                            subject,
                            from,
                            to,
                            froms.size(),
                            tos.size(),
                            froms,
                            tos));
        }
        List<String> flat = new ArrayList<>();
        for (int j = 0; j < froms.size(); j++) {
            if (paths.indexOf(froms.get(j)) > paths.indexOf(tos.get(j))) {
                throw Problem.UNPAIRED.exception(
                        Problem.detail(Problem.PAIR_ORDER, subject, froms.get(j), tos.get(j)));
            }
            flat.add(froms.get(j));
            flat.add(tos.get(j));
        }
        return flat;
    }
}
