package org.delta4j.delta;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.delta4j.backbone.CommonStructure;
import org.delta4j.spec.ModelStructure;
import org.delta4j.spec.ModuleSelector;
import org.delta4j.spec.ParallelPairs;
import org.delta4j.spec.Problem;
import org.delta4j.spec.SpecException;
import org.delta4j.tree.ModuleTree;
import org.delta4j.tree.StructureExport;

/**
 * Resolves a delta's module patterns on a backbone: by path, or by unified name where the
 * backbone's architecture has a common structure. With no patterns, the method's default unified
 * names are used (OpenDelta's default modification), which needs a common structure.
 */
public final class Addressing {
    private final ModuleTree tree;
    private final List<String> paths;
    private final Map<String, List<String>> aliases;
    private final String backboneName;
    private ModelStructure structure;

    /**
     * @param tree the backbone's tree
     * @param backboneName how to name the backbone in errors
     */
    public Addressing(ModuleTree tree, String backboneName) {
        this.tree = tree;
        this.paths = tree.backbonePaths();
        List<String> types = new ArrayList<>();
        for (String p : paths) {
            types.add(tree.module(p).type());
        }
        this.aliases = CommonStructure.aliases(paths, types);
        this.backboneName = backboneName;
    }

    /**
     * @param patterns module patterns (paths or unified names)
     * @param exclude path prefixes never selected
     * @return the matching backbone module paths, in tree order
     * @throws SpecException when a pattern matches nothing
     */
    public List<String> select(List<String> patterns, List<String> exclude) {
        return new ModuleSelector(patterns, exclude).select(paths, aliases, backboneName);
    }

    /**
     * The patterns a spec means: its own, or its method's defaults when it names none.
     *
     * @param spec the delta's spec
     * @return the patterns
     * @throws SpecException when the spec names none and the backbone has no common structure for
     *     defaults
     */
    public List<String> patternsOf(DeltaSpec spec) {
        if (!spec.modules().isEmpty()) {
            return spec.modules();
        }
        if (spec.defaultModules().isEmpty() || aliases.isEmpty()) {
            throw Problem.NO_MODULES.exception(
                    spec.method()
                            + (spec.defaultModules().isEmpty()
                                    ? ""
                                    : " has default modules "
                                            + spec.defaultModules()
                                            + " in unified names, but "
                                            + backboneName
                                            + " has no common structure, and it"));
        }
        return spec.defaultModules();
    }

    /**
     * @return the backbone's structure, for the target rules it shares with the annotation
     *     processor (made on first use)
     */
    public ModelStructure structure() {
        if (structure == null) {
            structure = StructureExport.of(tree.root().block(), backboneName);
        }
        return structure;
    }

    /**
     * @param path a backbone module path
     * @return that module in {@link #structure()}
     */
    public ModelStructure.Module structureOf(String path) {
        return structure().module(path);
    }

    /**
     * Resolves a parallel adapter's pairs of patterns.
     *
     * @param subject how to name the delta in messages
     * @param patterns the patterns, in pairs
     * @param exclude path prefixes never selected
     * @return the paired paths, flattened: from, to, from, to, ...
     */
    public List<String> pairs(String subject, List<String> patterns, List<String> exclude) {
        List<String> flat = new ArrayList<>();
        for (List<String> pair : ParallelPairs.patternPairs(patterns)) {
            flat.addAll(
                    ParallelPairs.resolve(
                            subject,
                            pair.get(0),
                            pair.get(1),
                            exclude,
                            paths,
                            aliases,
                            backboneName));
        }
        return flat;
    }

    /**
     * @return the tree resolved against
     */
    public ModuleTree tree() {
        return tree;
    }
}
