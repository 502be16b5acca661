package org.delta4j.delta;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.delta4j.spec.NameSuggestions;
import org.delta4j.spec.Problem;
import org.delta4j.tree.ModuleTree;

/**
 * PEFT's {@code modules_to_save} rule on a backbone: an entry selects every backbone module whose
 * path ends with it, as plain text (PEFT 0.7's {@code key.endswith(target_key)}), so {@code
 * classifier} selects BERT's {@code classifier}; the selected modules' parameters are those that
 * get a {@linkplain TrainableCopies trainable copy}.
 */
final class ModulesToSave {
    /**
     * What some entries select on one backbone.
     *
     * @param entries the entries, as given
     * @param modules the selected module paths, in tree order
     * @param parameters their parameters by backbone path, in tree order
     */
    record Selection(
            List<String> entries, List<String> modules, Map<String, Parameter> parameters) {
        /** Selects nothing. */
        static final Selection NONE = new Selection(List.of(), List.of(), Map.of());
    }

    private ModulesToSave() {}

    /**
     * @param backbone the backbone, without this tuning's deltas
     * @param entries the entries, as a spec or a PEFT config gives them
     * @return what they select
     * @throws IllegalArgumentException as {@link #modules} and {@link #parameters}
     */
    static Selection select(Block backbone, List<String> entries) {
        if (entries.isEmpty()) {
            return Selection.NONE;
        }
        ModuleTree tree = ModuleTree.of(backbone);
        List<String> modules = modules(tree, entries);
        return new Selection(List.copyOf(entries), modules, parameters(backbone, tree, modules));
    }

    /**
     * @param tree the backbone's tree
     * @param entries the entries, as a spec or a PEFT config gives them
     * @return the selected module paths, each once, in tree order
     * @throws org.delta4j.spec.SpecException when an entry selects no module, naming the closest
     *     module paths
     */
    private static List<String> modules(ModuleTree tree, List<String> entries) {
        List<String> paths = tree.backbonePaths().stream().filter(path -> !path.isEmpty()).toList();
        for (String entry : entries) {
            if (paths.stream().noneMatch(path -> path.endsWith(entry))) {
                throw Problem.UNKNOWN_MODULE.exception(
                        entry,
                        "the backbone (" + tree.root().type() + ", modules to save)",
                        NameSuggestions.hint(entry, paths));
            }
        }
        return paths.stream().filter(path -> entries.stream().anyMatch(path::endsWith)).toList();
    }

    /**
     * The parameters of the selected modules, which a trainable copy takes over. A parameter tied
     * to a module outside them (GPT-2's head and embeddings) is refused: training it in place would
     * change that module too, where PEFT trains a separate copy.
     *
     * @param backbone the backbone
     * @param tree the backbone's tree
     * @param modules selected module paths
     * @return their backbone parameters by path, in tree order
     * @throws IllegalArgumentException for a module without parameters or a tied parameter
     */
    private static Map<String, Parameter> parameters(
            Block backbone, ModuleTree tree, List<String> modules) {
        Set<Parameter> deltas = DeltaRegistry.of(backbone).deltaParameters();
        Map<String, Parameter> backboneParameters = DeltaValues.backboneParameters(tree);
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (String module : modules) {
            Map<String, Parameter> own = new LinkedHashMap<>();
            backboneParameters.forEach(
                    (path, p) -> {
                        if (path.startsWith(module + ".") && !deltas.contains(p)) {
                            own.put(path, p);
                        }
                    });
            if (own.isEmpty()) {
                throw new IllegalArgumentException(
                        "module to save "
                                + module
                                + " has no parameters to train; name a module that has some");
            }
            out.putAll(own);
        }
        refuseTied(tree, out);
        return out;
    }

    private static void refuseTied(ModuleTree tree, Map<String, Parameter> copied) {
        Set<Parameter> own = Collections.newSetFromMap(new IdentityHashMap<>());
        own.addAll(copied.values());
        List<String> tied = new ArrayList<>();
        tree.parameters()
                .forEach(
                        (path, p) -> {
                            if (own.contains(p) && !copied.containsKey(path)) {
                                tied.add(path);
                            }
                        });
        if (!tied.isEmpty()) {
            throw new IllegalArgumentException(
                    "the modules to save share parameters with "
                            + tied
                            + " (tied weights), which training them would change too; save "
                            + "those modules as well or train without modules to save");
        }
    }
}
