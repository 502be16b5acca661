package org.delta4j.tree;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.spec.ModelStructure;

/**
 * Describes a model's structure without its weights, for the compile-time checker. Parameters have their shapes from
 * construction, so an uninitialised model (no arrays allocated) can be described.
 */
public final class StructureExport {
    private StructureExport() {}

    /**
     * @param root the model's root block, initialised or not
     * @param name the model's name, such as {@code facebook/bart-base}
     * @return every module in pre-order (root {@code ""} first), with its type and its directly owned parameters'
     *     shapes (buffers are not parameters and are left out); the model class is the root's type
     */
    public static ModelStructure of(Block root, String name) {
        ModuleTree tree = ModuleTree.of(root);
        List<ModelStructure.Module> modules = new ArrayList<>();
        for (Module m : tree.modules()) {
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (Map.Entry<String, Parameter> p : m.parameters().entrySet()) {
                shapes.put(p.getKey(), p.getValue().getShape().getShape());
            }
            modules.add(new ModelStructure.Module(m.path(), m.type(), shapes));
        }
        return new ModelStructure(name, tree.root().type(), modules);
    }
}
