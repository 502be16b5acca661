package org.delta4j.tree;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The structure graph of a model, drawn as OpenDelta's {@code
 * Visualization(model).structure_graph()}: one line per module, {@code name (Type) weight:[out, in]
 * bias:[out]}; modules without parameters left out; siblings with identical subtrees folded into
 * one line ({@code 0-5(BartEncoderLayer)}, {@code q_proj,k_proj,v_proj(Linear)}). Trainable, frozen
 * and delta parameters are told apart by colour on a terminal (ANSI) and print as plain text
 * otherwise.
 */
public final class StructureGraph {
    private final GraphNode root;

    private StructureGraph(GraphNode root) {
        this.root = root;
    }

    /**
     * @param model the model's root block
     * @param deltaParameters the parameters to show as deltas
     * @return the graph of the model as it is now
     */
    public static StructureGraph of(Block model, Set<Parameter> deltaParameters) {
        GraphNode root = new GraphNode("root", null);
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

    private static void draw(
            GraphNode n, String indent, boolean last, boolean ansi, StringBuilder sb) {
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
    private static void build(Module module, GraphNode node, Set<Parameter> deltas) {
        Set<Block> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Module child : module.children()) {
            if (!seen.add(child.block())) {
                continue;
            }
            GraphNode c = new GraphNode(child.name(), child.type());
            node.children.add(c);
            child.parameters()
                    .forEach(
                            (local, p) ->
                                    c.children.add(
                                            GraphNode.parameter(local, p, deltas.contains(p))));
            build(child, c, deltas);
        }
    }

    /**
     * Merges siblings whose subtrees are equal apart from their own name and type. Fingerprints are
     * taken before the children are merged, as bigmodelvis does.
     */
    private static void prune(GraphNode t) {
        if (t.children.isEmpty()) {
            t.fingerprint = t.label();
            return;
        }
        List<String> parts = new ArrayList<>();
        for (GraphNode c : t.children) {
            prune(c);
            parts.add(c.fingerprint);
        }
        t.fingerprint = t.label() + "::" + String.join(";", parts);
        Map<String, List<GraphNode>> groups = new LinkedHashMap<>();
        for (GraphNode c : t.children) {
            int cut = c.fingerprint.indexOf("::");
            String headless = cut < 0 ? c.fingerprint : c.fingerprint.substring(cut + 2);
            groups.computeIfAbsent(headless, k -> new ArrayList<>()).add(c);
        }
        List<GraphNode> merged = new ArrayList<>();
        for (List<GraphNode> group : groups.values()) {
            merged.add(group.size() == 1 ? group.get(0) : GraphNode.merge(group));
        }
        t.children.clear();
        t.children.addAll(merged);
    }

    /** Moves parameter nodes onto their module's line and drops modules that own nothing. */
    private static boolean fold(GraphNode t, GraphNode parent) {
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
}
