package org.delta4j.tree;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.nn.HfBlock;

/**
 * One node of a {@link ModuleTree}: a block at a dotted path, its type, its directly owned
 * parameters and buffers by local name, and its children. A host's node shows the hosted block
 * ({@link ModuleHost}).
 */
public final class Module {
    private final String path;
    private final String name;
    private final Block block;
    private final Module parent;
    private final boolean delta;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Parameter> buffers = new LinkedHashMap<>();
    private final List<Module> children = new ArrayList<>();

    Module(String path, String name, Block block, Module parent, boolean delta) {
        this.path = path;
        this.name = name;
        this.block = block;
        this.parent = parent;
        this.delta = delta;
    }

    /**
     * @return the dotted path, {@code ""} for the root
     */
    public String path() {
        return path;
    }

    /**
     * @return the last path component, {@code ""} for the root
     */
    public String name() {
        return name;
    }

    /**
     * @return the block at this path; for a host, the host itself
     */
    public Block block() {
        return block;
    }

    /**
     * @return the block whose type and parameters this node shows: the hosted block for a host
     */
    public Block shown() {
        Block b = block;
        while (b instanceof ModuleHost) {
            b = ((ModuleHost) b).hosted();
        }
        return b;
    }

    /**
     * @return the type name, such as {@code Linear} (a host shows its hosted block's type)
     */
    public String type() {
        Block shown = shown();
        return shown instanceof HfBlock
                ? ((HfBlock) shown).hfType()
                : shown.getClass().getSimpleName();
    }

    /**
     * @return the parent, or {@code null} for the root
     */
    public Module parent() {
        return parent;
    }

    /**
     * @return whether this module belongs to a delta (is, or is under, a host's attached child)
     */
    public boolean isDelta() {
        return delta;
    }

    /**
     * @return the directly owned trainable-kind parameters by local name (buffers excluded)
     */
    public Map<String, Parameter> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /**
     * @return the directly owned buffers by local name
     */
    public Map<String, Parameter> buffers() {
        return Collections.unmodifiableMap(buffers);
    }

    /**
     * @return the children in registration order (a host's attached children last)
     */
    public List<Module> children() {
        return Collections.unmodifiableList(children);
    }

    /**
     * @param local a local parameter or buffer name
     * @return its full dotted path
     */
    public String pathOf(String local) {
        return path.isEmpty() ? local : path + "." + local;
    }

    void addParameter(String local, Parameter p) {
        parameters.put(local, p);
    }

    void addBuffer(String local, Parameter p) {
        buffers.put(local, p);
    }

    void addChild(Module child) {
        children.add(child);
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "<root>" : path) + " (" + type() + ")";
    }
}
