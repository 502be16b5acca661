package org.delta4j.tree;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The structure graph of a model, drawn as OpenDelta's {@code
 * Visualization(model).structure_graph()}: one line per module, {@code name (Type) weight:[out, in]
 * bias:[out]}; modules without parameters left out; siblings with identical subtrees folded into
 * one line ({@code 0-5(BartEncoderLayer)}, {@code q_proj,k_proj,v_proj(Linear)}). Trainable, frozen
 * and delta parameters are told apart by colour on a terminal (ANSI) and print as plain text
 * otherwise.
 */
public final class StructureGraph {
    private static final String RESET = "\u001b[0m";
    private static final String WHITE = "\u001b[37m";
    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String CYAN = "\u001b[36m";
    private static final String FROZEN = "\u001b[38;2;0;70;100m";
    private static final String DELTA = "\u001b[38;2;175;0;255m";

    private final Node root;

    private StructureGraph(Node root) {
        this.root = root;
    }

    /**
     * @param model the model's root block
     * @param deltaParameters the parameters to show as deltas
     * @return the graph of the model as it is now
     */
    public static StructureGraph of(Block model, Set<Parameter> deltaParameters) {
        Node root = new Node("root", null);
        build(ModuleTree.of(model).root(), root, deltaParameters);
        prune(root);
        fold(root, null);
        return new StructureGraph(root);
    }

    /**
     * @return the graph as plain text
     */
    @Override
    public String toString() {
        return render(false);
    }

    /**
     * @param ansi whether to colour it for a terminal
     * @return the graph, one line per node
     */
    public String render(boolean ansi) {
        StringBuilder sb = new StringBuilder();
        sb.append(root.text(ansi)).append('\n');
        for (int i = 0; i < root.children.size(); i++) {
            draw(root.children.get(i), "", i == root.children.size() - 1, ansi, sb);
        }
        return sb.toString();
    }

    private static void draw(Node n, String indent, boolean last, boolean ansi, StringBuilder sb) {
        sb.append(indent).append(last ? "└── " : "├── ").append(n.text(ansi)).append('\n');
        String next = indent + (last ? "    " : "│   ");
        for (int i = 0; i < n.children.size(); i++) {
            draw(n.children.get(i), next, i == n.children.size() - 1, ansi, sb);
        }
    }

    /**
     * Module nodes get their parameters as leading parameter children, as bigmodelvis builds its
     * tree. A block that is a child twice under one parent (a parallel adapter on one module) is
     * listed once, as PyTorch's {@code named_children()} does.
     */
    private static void build(Module module, Node node, Set<Parameter> deltas) {
        Set<Block> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Module child : module.children()) {
            if (!seen.add(child.block())) {
                continue;
            }
            Node c = new Node(child.name(), child.type());
            node.children.add(c);
            child.parameters()
                    .forEach(
                            (local, p) ->
                                    c.children.add(Node.parameter(local, p, deltas.contains(p))));
            build(child, c, deltas);
        }
    }

    /**
     * Merges siblings whose subtrees are equal apart from their own name and type. Fingerprints are
     * taken before the children are merged, as bigmodelvis does.
     */
    private static void prune(Node t) {
        if (t.children.isEmpty()) {
            t.fingerprint = t.label();
            return;
        }
        List<String> parts = new ArrayList<>();
        for (Node c : t.children) {
            prune(c);
            parts.add(c.fingerprint);
        }
        t.fingerprint = t.label() + "::" + String.join(";", parts);
        Map<String, List<Node>> groups = new LinkedHashMap<>();
        for (Node c : t.children) {
            int cut = c.fingerprint.indexOf("::");
            String headless = cut < 0 ? c.fingerprint : c.fingerprint.substring(cut + 2);
            groups.computeIfAbsent(headless, k -> new ArrayList<>()).add(c);
        }
        List<Node> merged = new ArrayList<>();
        for (List<Node> group : groups.values()) {
            merged.add(group.size() == 1 ? group.get(0) : Node.merge(group));
        }
        t.children.clear();
        t.children.addAll(merged);
    }

    /** Moves parameter nodes onto their module's line and drops modules that own nothing. */
    private static boolean fold(Node t, Node parent) {
        if (t.parameterText != null) {
            parent.parameterLabels.add(t);
            return true;
        }
        if (t.children.isEmpty()) {
            return parent != null;
        }
        t.children.removeIf(c -> fold(c, t));
        return false;
    }

    /** A node: a module (name and type), a merged group of modules, or a parameter. */
    private static final class Node {
        private String name;
        private String type;
        private List<String[]> groups;
        private final String parameterText;
        private final String parameterColour;
        private final List<Node> children = new ArrayList<>();
        private final List<Node> parameterLabels = new ArrayList<>();
        private String fingerprint;

        private Node(String name, String type, String parameterText, String colour) {
            this.name = name;
            this.type = type;
            this.parameterText = parameterText;
            this.parameterColour = colour;
        }

        Node(String name, String type) {
            this(name, type, null, null);
        }

        static Node parameter(String local, Parameter p, boolean delta) {
            String colour = delta ? DELTA : p.requiresGradient() ? CYAN : FROZEN;
            List<String> dims = new ArrayList<>();
            for (long d : p.getShape().getShape()) {
                dims.add(Long.toString(d));
            }
            return new Node(null, null, local + ":[" + String.join(", ", dims) + "]", colour);
        }

        /**
         * Identity for fingerprints: the label with colours, as bigmodelvis compares its rich
         * markup.
         */
        String label() {
            if (parameterText != null) {
                return parameterColour + parameterText;
            }
            return groups != null ? String.valueOf(groups.size()) + name : name + " (" + type + ")";
        }

        static Node merge(List<Node> group) {
            Node first = group.get(0);
            Map<String, List<String>> byType = new LinkedHashMap<>();
            for (Node n : group) {
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
            for (Node p : parameterLabels) {
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
}
