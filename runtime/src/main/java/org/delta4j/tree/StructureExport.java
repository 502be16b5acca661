package org.delta4j.tree;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.backbone.CommonStructure;
import org.delta4j.backbone.HasEncoder;
import org.delta4j.backbone.HasInputEmbeddings;
import org.delta4j.backbone.TakesNamedInputs;
import org.delta4j.nn.Features;
import org.delta4j.spec.ModelStructure;

/**
 * Describes a model's structure without its weights, for the compile-time checker. Parameters have
 * their shapes from construction, so an uninitialised model (no arrays allocated) can be described.
 */
public final class StructureExport {
    private StructureExport() {}

    /**
     * @param root the model's root block, initialised or not
     * @param name the model's name, such as {@code facebook/bart-base}
     * @return every module in pre-order (root {@code ""} first), with its type, its unified names
     *     where the model has a common structure, its input and output sizes where known, and its
     *     directly owned parameters' shapes (buffers are not parameters and are left out); the
     *     model class is the root's type, and the encoder is where soft prompts go: the encoder of
     *     an encoder-decoder model, "" for a model that takes them at its root
     * @throws IllegalStateException when a parameter has no shape yet, as DJL's own layers before
     *     initialisation
     */
    public static ModelStructure of(Block root, String name) {
        ModuleTree tree = ModuleTree.of(root);
        Map<String, List<String>> aliases = aliases(tree);
        List<ModelStructure.Module> modules = new ArrayList<>();
        for (Module m : tree.modules()) {
            Map<String, long[]> shapes = new LinkedHashMap<>();
            for (Map.Entry<String, Parameter> p : m.parameters().entrySet()) {
                Shape shape = p.getValue().getShape();
                if (shape == null) {
                    throw new IllegalStateException(
                            "Parameter "
                                    + m.pathOf(p.getKey())
                                    + " has no shape yet; "
                                    + "initialise the model (block.initialize(manager, dataType, inputShapes)) before "
                                    + "exporting its structure.");
                }
                shapes.put(p.getKey(), shape.getShape());
            }
            modules.add(
                    new ModelStructure.Module(
                            m.path(),
                            m.type(),
                            aliases.getOrDefault(m.path(), List.of()),
                            Features.in(m.shown()),
                            Features.out(m.shown()),
                            shapes));
        }
        Block model = tree.root().shown();
        String encoder =
                model instanceof HasEncoder e && model instanceof HasInputEmbeddings
                        ? e.encoderPath()
                        : model instanceof TakesNamedInputs ? "" : null;
        return new ModelStructure(name, tree.root().type(), encoder, modules);
    }

    /**
     * The unified names as the runtime's addressing resolves them: over the backbone's own modules.
     */
    private static Map<String, List<String>> aliases(ModuleTree tree) {
        List<String> paths = tree.backbonePaths();
        List<String> types = new ArrayList<>();
        for (String p : paths) {
            types.add(tree.module(p).type());
        }
        return CommonStructure.aliases(paths, types);
    }
}
