package org.delta4j.tree;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A node of a {@link StructureGraph}: a module (name and type), a merged group of modules, or a
 * parameter.
 */
final class GraphNode {
    private static final String RESET = "\u001b[0m";
    private static final String WHITE = "\u001b[37m";
    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String CYAN = "\u001b[36m";
    private static final String FROZEN = "\u001b[38;2;0;70;100m";
    private static final String DELTA = "\u001b[38;2;175;0;255m";

    private String name;
    private String type;
    private List<String[]> groups;
    final String parameterText;
    private final String parameterColour;
    final List<GraphNode> children = new ArrayList<>();
    final List<GraphNode> parameterLabels = new ArrayList<>();
    String fingerprint;

    private GraphNode(String name, String type, String parameterText, String colour) {
        this.name = name;
        this.type = type;
        this.parameterText = parameterText;
        this.parameterColour = colour;
    }

    GraphNode(String name, String type) {
        this(name, type, null, null);
    }

    static GraphNode parameter(String local, Parameter p, boolean delta) {
        String colour = delta ? DELTA : p.requiresGradient() ? CYAN : FROZEN;
        List<String> dims = new ArrayList<>();
        for (long d : p.getShape().getShape()) {
            dims.add(Long.toString(d));
        }
        return new GraphNode(null, null, local + ":[" + String.join(", ", dims) + "]", colour);
    }

    /**
     * Identity for fingerprints: the label with colours, as bigmodelvis compares its rich markup.
     */
    String label() {
        if (parameterText != null) {
            return parameterColour + parameterText;
        }
        return groups != null ? String.valueOf(groups.size()) + name : name + " (" + type + ")";
    }

    static GraphNode merge(List<GraphNode> group) {
        GraphNode first = group.get(0);
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (GraphNode n : group) {
            byType.computeIfAbsent(n.type, k -> new ArrayList<>()).add(n.name);
        }
        first.groups = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byType.entrySet()) {
            String joined = ranges(e.getValue());
            first.groups.add(new String[] {joined, e.getKey()});
            names.add(joined);
        }
        first.name = String.join(",", names);
        return first;
    }

    String text(boolean ansi) {
        StringBuilder sb = new StringBuilder();
        if (groups != null) {
            for (int i = 0; i < groups.size(); i++) {
                sb.append(i > 0 ? "," : "")
                        .append(paint(ansi, RED, groups.get(i)[0]))
                        .append(paint(ansi, GREEN, "(" + groups.get(i)[1] + ")"));
            }
        } else {
            sb.append(paint(ansi, WHITE, name));
            if (type != null) {
                sb.append(' ').append(paint(ansi, GREEN, "(" + type + ")"));
            }
        }
        for (GraphNode p : parameterLabels) {
            sb.append(' ').append(paint(ansi, p.parameterColour, p.parameterText));
        }
        return sb.toString();
    }

    private static String paint(boolean ansi, String colour, String text) {
        return ansi ? colour + text + RESET : text;
    }

    /**
     * Integer names become ranges ({@code 0-5}, {@code 0-0,2-2}); other names are joined with
     * commas.
     */
    private static String ranges(List<String> names) {
        TreeSet<Integer> nums = new TreeSet<>();
        for (String n : names) {
            try {
                nums.add(Integer.parseInt(n.trim()));
            } catch (NumberFormatException e) {
                return String.join(",", names);
            }
        }
        List<String> out = new ArrayList<>();
        Integer start = null;
        Integer prev = null;
        for (int n : nums) {
            if (start == null) {
                start = n;
            } else if (n != prev + 1) {
                out.add(start + "-" + prev);
                start = n;
            }
            prev = n;
        }
        out.add(start + "-" + prev);
        return String.join(",", out);
    }
}
