package org.delta4j.delta;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.delta4j.delta.host.DeltaHost;
import org.delta4j.delta.host.DeltaHosting;
import org.delta4j.delta.host.DeltaLayer;
import org.delta4j.delta.host.LinearDeltaHost;
import org.delta4j.delta.host.Placement;
import org.delta4j.nn.HfBlock;
import org.delta4j.nn.InputHook;
import org.delta4j.nn.Linear;
import org.delta4j.tree.Module;
import org.delta4j.tree.ModuleTree;
import org.delta4j.tree.Surgery;

/**
 * The changes one delta makes to a backbone, made as they are recorded: hosts put in place by
 * surgery, layers added to hosts, biases added or adopted. New layers come with their parameters'
 * shapes; their arrays are allocated by {@link #allocate()}, on the backbone's own manager and data
 * type, so they live as long as the model. Until then a loader can compare every shape with a
 * file's: a size a file asks for allocates nothing unless the file's own tensors have it. {@link
 * #undo()} reverts every change, newest first, so a failed or detached delta leaves the backbone as
 * it was.
 */
public final class Attachment {
    private final Block root;
    private final NDManager manager;
    private final DataType dataType;
    private final Deque<Runnable> undo = new ArrayDeque<>();
    private final List<String> layers = new ArrayList<>();
    private final Map<String, String> layerBases = new LinkedHashMap<>();
    private final Map<String, Parameter> adopted = new LinkedHashMap<>();
    private final Set<Block> unallocated = new LinkedHashSet<>();

    Attachment(Block root, NDManager manager, DataType dataType) {
        this.root = root;
        this.manager = manager;
        this.dataType = dataType;
    }

    /**
     * Adds a layer around a module, putting a host there first if there is none.
     *
     * @param target the module
     * @param baseName the method's layer name; a suffix {@code _1}, {@code _2}, ... keeps names
     *     unique on a module
     * @param layer the layer, not yet initialised; {@link #allocate()} initialises it
     * @return the name the layer got
     */
    public String addLayer(Module target, String baseName, DeltaLayer layer) {
        return addLayer(target, baseName, layer, Placement.AROUND);
    }

    /**
     * Adds a layer, or another placement of a layer already added elsewhere, around a module.
     *
     * @param target the module
     * @param baseName the method's layer name; a suffix {@code _1}, {@code _2}, ... keeps names
     *     unique on a module
     * @param layer the layer; {@link #allocate()} initialises it once, however often it is added
     * @param placement which of its hooks run on this module
     * @return the name the layer got
     */
    public String addLayer(Module target, String baseName, DeltaLayer layer, Placement placement) {
        DeltaHosting host = hostAt(target);
        String name = baseName;
        for (int i = 1; host.hasLayer(name); i++) {
            name = baseName + "_" + i;
        }
        if (!layer.isInitialized()) {
            unallocated.add(layer);
        }
        host.addLayer(name, layer, placement);
        String added = name;
        undo.push(
                () -> {
                    host.removeLayer(added);
                    layer.clear();
                });
        layers.add(target.pathOf(name));
        layerBases.put(target.pathOf(name), target.pathOf(baseName));
        return name;
    }

    /**
     * Adds an input hook to the model's root, which surgery cannot replace.
     *
     * @param baseName the hook's name; a suffix {@code _1}, {@code _2}, ... keeps names unique
     * @param hook the hook, not yet initialised; {@link #allocate()} initialises it
     * @return the name the hook got
     * @throws IllegalArgumentException when the root does not take input hooks
     */
    public String addRootInputHook(String baseName, InputHook hook) {
        if (!(root instanceof HfBlock)) {
            throw new IllegalArgumentException(root.getClass().getName() + " takes no input hooks");
        }
        HfBlock model = (HfBlock) root;
        String name = baseName;
        for (int i = 1; model.getChildren().contains(name); i++) {
            name = baseName + "_" + i;
        }
        unallocated.add(hook);
        model.addInputHook(name, hook);
        String added = name;
        undo.push(
                () -> {
                    model.removeInputHook(added);
                    hook.clear();
                });
        layers.add(added);
        layerBases.put(added, baseName);
        return added;
    }

    /**
     * Marks an existing backbone parameter as belonging to this delta (BitFit's biases). Undoing
     * puts back the value and trainable flag it has now.
     *
     * @param path the parameter's path
     * @param parameter the parameter
     */
    public void adopt(String path, Parameter parameter) {
        Map<String, Parameter> one = Map.of(path, parameter);
        DetachedValues before = DetachedValues.capture(one);
        adopted.put(path, parameter);
        undo.push(
                () -> {
                    adopted.remove(path);
                    before.restoreValues(one, manager);
                    before.restoreFlags(one);
                });
    }

    /**
     * Adds a zero bias to a linear layer that has none, and adopts it.
     *
     * @param target the linear layer's module
     * @param linear the layer
     */
    public void addBias(Module target, Linear linear) {
        Parameter bias = linear.addBias();
        bias.initialize(manager, dataType);
        undo.push(
                () -> {
                    linear.removeBias(bias);
                    bias.close();
                });
        adopt(target.pathOf("bias"), bias);
    }

    /** Initialises the layers added since the last call: their parameters get arrays. */
    void allocate() {
        for (Block layer : unallocated) {
            layer.initialize(manager, dataType, new Shape(1));
        }
        unallocated.clear();
    }

    /** Reverts every change, newest first. */
    void undo() {
        unallocated.clear();
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
        layers.clear();
        layerBases.clear();
        adopted.clear();
    }

    /**
     * @return the paths of the layers this delta added, such as {@code
     *     model.encoder.layers.0.fc2.adapter}
     */
    List<String> layers() {
        return layers;
    }

    /**
     * @return each added layer's path mapped to the path it has under its method's own name,
     *     without the suffix that kept it unique beside another delta's layer ({@code
     *     ...fc2.adapter_1} to {@code ...fc2.adapter}), in add order
     */
    Map<String, String> layerBases() {
        return layerBases;
    }

    /**
     * @return the existing or added parameters this delta owns, by path
     */
    Map<String, Parameter> adopted() {
        return adopted;
    }

    private DeltaHosting hostAt(Module target) {
        // Read the tree again: an earlier change of this delta may have put a host at this path
        // already.
        Block module = ModuleTree.of(root).module(target.path()).block();
        if (module instanceof DeltaHosting) {
            return (DeltaHosting) module;
        }
        DeltaHosting host =
                module instanceof ai.djl.nn.core.Linear
                        ? new LinearDeltaHost((ai.djl.nn.core.Linear) module)
                        : new DeltaHost(module);
        Surgery.Replacement replacement = Surgery.replace(root, target.path(), host);
        undo.push(
                () -> {
                    if (host.isEmpty()) {
                        replacement.undo();
                    }
                });
        return host;
    }

    /**
     * Re-reads the tree after a change; used by methods that edit several modules.
     *
     * @return the tree as it is now
     */
    public ModuleTree tree() {
        return ModuleTree.of(root);
    }
}
