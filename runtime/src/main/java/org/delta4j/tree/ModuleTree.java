package org.delta4j.tree;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.InputHook;
import org.delta4j.spec.NameSuggestions;

/**
 * A snapshot of a DJL block tree with dotted module and parameter paths.
 *
 * <p>Naming: delta4j's own blocks ({@link HfBlock}) use their children's and parameters' HF names
 * as they are, so parameter paths equal HF state-dict keys. Other DJL blocks get PyTorch-like
 * names: a {@link SequentialBlock}'s children are {@code 0, 1, ...}; other children lose DJL's
 * two-digit prefix ({@code 01fc2} becomes {@code fc2}), or, where that would make two siblings
 * equal, are named by position. DJL's {@code gamma}, {@code beta} and {@code embedding} parameters
 * are shown as HF's {@code weight}, {@code bias} and {@code weight}, and batch-norm running
 * statistics as buffers. A {@link ModuleHost} is transparent: the hosted block appears at its path,
 * with the host's attached children added. Children that are {@link InputHook}s belong to deltas,
 * as attached children do.
 *
 * <p>The tree is a snapshot: take a new one after changing the model.
 */
public final class ModuleTree {
    private final Module root;
    private final Map<String, Module> byPath = new LinkedHashMap<>();

    private ModuleTree(Block rootBlock) {
        this.root = new Module("", "", rootBlock, null, false);
        build(root);
    }

    /**
     * @param root the model's root block
     * @return the tree of that model as it is now
     */
    public static ModuleTree of(Block root) {
        return new ModuleTree(root);
    }

    /**
     * @return the root module (path {@code ""})
     */
    public Module root() {
        return root;
    }

    /**
     * @return every module, root first, in pre-order
     */
    public List<Module> modules() {
        return List.copyOf(byPath.values());
    }

    /**
     * @return every module path, root ({@code ""}) first, in pre-order
     */
    public List<String> paths() {
        return List.copyOf(byPath.keySet());
    }

    /**
     * @return every backbone module path (not inside a delta), root first, in pre-order
     */
    public List<String> backbonePaths() {
        List<String> paths = new ArrayList<>();
        for (Module m : byPath.values()) {
            if (!m.isDelta()) {
                paths.add(m.path());
            }
        }
        return paths;
    }

    /**
     * @param path a dotted module path
     * @return the module
     * @throws IllegalArgumentException naming the closest paths when there is none
     */
    public Module module(String path) {
        Module m = byPath.get(path);
        if (m == null) {
            throw new IllegalArgumentException(
                    "No module at path \""
                            + path
                            + "\". "
                            + NameSuggestions.hint(path, byPath.keySet()));
        }
        return m;
    }

    /**
     * @param path a dotted module path
     * @return whether a module has that path
     */
    public boolean contains(String path) {
        return byPath.containsKey(path);
    }

    /**
     * Every parameter by path, in tree order. A parameter shared by several modules (tied weights)
     * appears under each path, as in a PyTorch state dict.
     *
     * @return the parameters (buffers excluded)
     */
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Module m : byPath.values()) {
            m.parameters().forEach((local, p) -> out.put(m.pathOf(local), p));
        }
        return out;
    }

    /**
     * @return every buffer by path, in tree order
     */
    public Map<String, Parameter> buffers() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Module m : byPath.values()) {
            m.buffers().forEach((local, p) -> out.put(m.pathOf(local), p));
        }
        return out;
    }

    /**
     * The state dict's entries: every parameter, then every buffer, by path, as PyTorch's {@code
     * state_dict()} keys them (tied weights under each of their paths).
     *
     * @return the parameters and buffers
     */
    public Map<String, Parameter> state() {
        Map<String, Parameter> out = parameters();
        out.putAll(buffers());
        return out;
    }

    /**
     * Every distinct parameter once, under its first path (as PyTorch's {@code
     * named_parameters()}).
     *
     * @return the parameters, ties removed
     */
    public Map<String, Parameter> uniqueParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        parameters()
                .forEach(
                        (path, p) -> {
                            if (seen.add(p)) {
                                out.put(path, p);
                            }
                        });
        return out;
    }

    /**
     * @return the parameters that belong to deltas (under a host's attached children), ties removed
     */
    public Set<Parameter> deltaParameters() {
        Set<Parameter> out = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Module m : byPath.values()) {
            if (m.isDelta()) {
                out.addAll(m.parameters().values());
            }
        }
        return out;
    }

    private void build(Module node) {
        byPath.put(node.path(), node);
        Block shown = node.shown();
        Set<String> bufferNames =
                shown instanceof HfBlock ? ((HfBlock) shown).bufferNames() : Set.of();
        for (Pair<String, Parameter> e : shown.getDirectParameters()) {
            Parameter p = e.getValue();
            String local =
                    shown instanceof HfBlock ? e.getKey() : TreeNames.djlParameterName(e.getKey());
            if (bufferNames.contains(e.getKey()) || TreeNames.isDjlBuffer(shown, p)) {
                node.addBuffer(local, p);
            } else {
                node.addParameter(local, p);
            }
        }
        for (Pair<String, Block> c : TreeNames.childrenOf(shown)) {
            addChild(
                    node,
                    c.getKey(),
                    c.getValue(),
                    node.isDelta() || c.getValue() instanceof InputHook);
        }
        Block b = node.block();
        while (b instanceof ModuleHost) {
            for (Pair<String, Block> a : ((ModuleHost) b).attached()) {
                addChild(node, a.getKey(), a.getValue(), true);
            }
            b = ((ModuleHost) b).hosted();
        }
    }

    private void addChild(Module parent, String name, Block block, boolean delta) {
        String path = parent.path().isEmpty() ? name : parent.path() + "." + name;
        Module child = new Module(path, name, block, parent, delta);
        parent.addChild(child);
        build(child);
    }
}
