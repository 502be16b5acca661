package org.delta4j.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.delta4j.spec.RegexBudget;

/**
 * PEFT's {@code target_modules} rules on module paths: a list entry names a module by its whole
 * path or a dotted suffix ({@code query} matches {@code encoder.layer.0.attention.self.query}, not
 * {@code query_proj}); a single string is a regular expression the whole path must match, on a
 * {@link RegexBudget}. delta4j's own plain patterns follow the same suffix rule.
 */
final class PeftTargets {
    private PeftTargets() {}

    /**
     * @param paths module paths, in tree order
     * @param names target names (list form), or {@code null}
     * @param regex a regular expression (string form), or {@code null}
     * @return the paths PEFT would modify, in tree order
     * @throws IllegalArgumentException for an invalid regular expression, or one that backtracks
     *     past its budget (a {@link org.delta4j.spec.SpecException} tagged {@code slow-regex},
     *     naming the path)
     */
    static List<String> select(List<String> paths, List<String> names, String regex) {
        List<String> out = new ArrayList<>();
        Pattern pattern;
        try {
            pattern = regex == null ? null : Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "target_modules is not a valid regular expression: " + e.getDescription(), e);
        }
        for (String path : paths) {
            if (pattern != null
                    ? RegexBudget.matcher(pattern, path, "target_modules", regex).matches()
                    : names.stream().anyMatch(n -> matches(n, path))) {
                out.add(path);
            }
        }
        return out;
    }

    /**
     * The shortest names that select exactly some modules among all: for each module the shortest
     * dotted suffix of its path that matches no module outside the selection (such as {@code query}
     * and {@code value} for BERT's attention projections). What PEFT users write as {@code
     * target_modules}.
     *
     * @param selected the modules to name, in tree order
     * @param paths every module path
     * @return the names, in the order first needed
     */
    static List<String> shortestNames(List<String> selected, List<String> paths) {
        Set<String> chosen = new HashSet<>(selected);
        Set<String> out = new LinkedHashSet<>();
        for (String path : selected) {
            String[] parts = path.split("\\.");
            for (int k = parts.length - 1; k >= 0; k--) {
                String suffix = String.join(".", Arrays.copyOfRange(parts, k, parts.length));
                if (paths.stream().filter(p -> matches(suffix, p)).allMatch(chosen::contains)) {
                    out.add(suffix);
                    break;
                }
            }
        }
        return List.copyOf(out);
    }

    private static boolean matches(String name, String path) {
        return path.equals(name) || path.endsWith("." + name);
    }
}
