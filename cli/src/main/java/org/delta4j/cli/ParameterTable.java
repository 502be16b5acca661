package org.delta4j.cli;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.delta4j.tree.ModuleTree;

/**
 * A model's parameter count, in total and per top-level module. A tied parameter counts once, for
 * the module where it first appears (as PyTorch's {@code named_parameters()}); buffers do not
 * count.
 */
final class ParameterTable {
    private ParameterTable() {}

    /**
     * @param model the model's root block
     * @return {@code Parameters: N}, then one line per top-level module, as text ending with a
     *     newline
     */
    static String render(Block model) {
        ModuleTree tree = ModuleTree.of(model);
        Map<String, Parameter> unique = tree.uniqueParameters();
        Map<String, Long> counts = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, Parameter> e : tree.parameters().entrySet()) {
            // Identity: a tied parameter's later paths are absent from, or map elsewhere in, the
            // unique map.
            long n = unique.get(e.getKey()) == e.getValue() ? e.getValue().getShape().size() : 0;
            counts.merge(topLevel(e.getKey()), n, Long::sum);
            total += n;
        }
        int nameWidth = counts.keySet().stream().mapToInt(String::length).max().orElse(0);
        int countWidth = Long.toString(total).length();
        StringBuilder sb = new StringBuilder("Parameters: ").append(total).append('\n');
        counts.forEach(
                (name, n) -> {
                    sb.append(
                            String.format(
                                    Locale.ROOT,
                                    "  %-" + nameWidth + "s  %" + countWidth + "d",
                                    name,
                                    n));
                    sb.append(n == 0 ? "  (tied to parameters counted above)" : "").append('\n');
                });
        return sb.toString();
    }

    private static String topLevel(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }
}
