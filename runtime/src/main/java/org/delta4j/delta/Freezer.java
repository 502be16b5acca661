package org.delta4j.delta;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.delta4j.spec.ModulePattern;
import org.delta4j.spec.NameSuggestions;
import org.delta4j.spec.Problem;
import org.delta4j.spec.SpecException;
import org.delta4j.tree.ModuleTree;

/**
 * Freezes a backbone as OpenDelta's {@code freeze_module}: a parameter stays as it is when it is a
 * delta parameter or a trainable copy's ({@link TrainableCopies}) and {@code "deltas"} is excluded,
 * when an exclude pattern matches its own path, or when one matches the path of a module that
 * contains it; every other parameter is frozen. Like OpenDelta, nothing is ever unfrozen.
 */
final class Freezer {
    private Freezer() {}

    /**
     * @param backbone the model's root block
     * @param spec what to keep trainable
     * @param copies the parameters of modules training beside the deltas, kept with them
     * @return the parameters that were frozen
     * @throws SpecException when an exclude pattern matches no module or parameter; nothing is
     *     changed then
     */
    static Set<Parameter> freeze(Block backbone, FreezeSpec spec, Collection<Parameter> copies) {
        ModuleTree tree = ModuleTree.of(backbone);
        List<ModulePattern> patterns = patternsOf(spec, tree);
        boolean keepDeltas = spec.exclude().contains(FreezeSpec.DELTAS);
        Set<Parameter> deltas = DeltaRegistry.of(backbone).deltaParameters();
        deltas.addAll(copies);
        Set<Parameter> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, Parameter> params = tree.parameters();
        params.forEach(
                (path, p) -> {
                    if ((keepDeltas && deltas.contains(p)) || coveredBy(path, patterns)) {
                        kept.add(p);
                    }
                });
        Set<Parameter> frozen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Parameter p : params.values()) {
            if (!kept.contains(p)) {
                p.freeze(true);
                frozen.add(p);
            }
        }
        if (spec.setStateDict()) {
            // As named_parameters(): a parameter shared by several modules is kept under its first
            // path only.
            Set<String> keys = new LinkedHashSet<>();
            tree.uniqueParameters()
                    .forEach(
                            (path, p) -> {
                                if (p.requiresGradient()) {
                                    keys.add(path);
                                }
                            });
            DeltaRegistry.of(backbone).restrictStateDict(keys);
        }
        return frozen;
    }

    private static List<ModulePattern> patternsOf(FreezeSpec spec, ModuleTree tree) {
        Set<String> names = new LinkedHashSet<>(tree.paths());
        names.addAll(tree.parameters().keySet());
        List<ModulePattern> patterns = new ArrayList<>();
        for (String text : spec.exclude()) {
            if (FreezeSpec.DELTAS.equals(text)) {
                continue;
            }
            ModulePattern p = ModulePattern.parse(text);
            if (names.stream().noneMatch(p::matches)) {
                throw Problem.UNKNOWN_MODULE.exception(
                        text, "the backbone (freeze exclude)", NameSuggestions.hint(text, names));
            }
            patterns.add(p);
        }
        return patterns;
    }

    /** Whether a pattern matches the parameter's path or the path of a module containing it. */
    private static boolean coveredBy(String parameterPath, List<ModulePattern> patterns) {
        for (String path = parameterPath; !path.isEmpty(); path = parentOf(path)) {
            for (ModulePattern p : patterns) {
                if (p.matches(path)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String parentOf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }
}
