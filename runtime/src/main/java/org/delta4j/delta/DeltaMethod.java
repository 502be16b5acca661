package org.delta4j.delta;

import java.util.List;
import org.delta4j.spec.ModuleSelector;
import org.delta4j.spec.Problem;
import org.delta4j.spec.SpecException;
import org.delta4j.tree.Module;
import org.delta4j.tree.ModuleTree;

/**
 * How one delta method modifies a backbone. {@link #targets} and {@link #check} run for every target before anything
 * changes; {@link #attach} then makes the change through an {@link Attachment}, which records how to undo it.
 */
public interface DeltaMethod {
    /** @return the name the method's layers get on a module, such as {@code adapter} or {@code lora} */
    String layerName();

    /**
     * The module paths this delta modifies, in the order {@link #attach} takes them. By default every backbone
     * module that a pattern of the spec matches and no exclusion covers, in tree order.
     *
     * @param tree the backbone's tree
     * @param spec the delta's spec
     * @param backboneName how to name the backbone in errors
     * @return the target paths
     * @throws SpecException when the spec names no modules or a pattern matches nothing
     */
    default List<String> targets(ModuleTree tree, DeltaSpec spec, String backboneName) {
        if (spec.modules().isEmpty()) {
            throw new SpecException(Problem.NO_MODULES, Problem.NO_MODULES.format(spec.method()));
        }
        return new ModuleSelector(spec.modules(), spec.exclude()).select(tree.backbonePaths(), backboneName);
    }

    /**
     * Checks that this method can modify a module.
     *
     * @param target the module
     * @throws SpecException tagged {@code unsupported-module} when it cannot
     */
    void check(Module target);

    /**
     * Modifies the targets.
     *
     * @param targets the modules {@link #targets} named, checked before
     * @param attachment where to make the change
     */
    void attach(List<Module> targets, Attachment attachment);
}
