package org.delta4j.delta;

import java.util.List;
import org.delta4j.spec.SpecException;
import org.delta4j.tree.Module;

/**
 * How one delta method modifies a backbone. {@link #targets} and {@link #check} run for every
 * target before anything changes; {@link #attach} then makes the change through an {@link
 * Attachment}, which records how to undo it.
 */
public interface DeltaMethod {
    /**
     * @return the name the method's layers get on a module, such as {@code adapter} or {@code lora}
     */
    String layerName();

    /**
     * The module paths this delta modifies, in the order {@link #attach} takes them. By default
     * every backbone module that a pattern of the spec (or a default unified name) matches and no
     * exclusion covers, in tree order.
     *
     * @param addressing the backbone's addressing
     * @param spec the delta's spec
     * @return the target paths
     * @throws SpecException when the spec names no modules or a pattern matches nothing
     */
    default List<String> targets(Addressing addressing, DeltaSpec spec) {
        return addressing.select(addressing.patternsOf(spec), spec.exclude());
    }

    /**
     * Checks that this method can modify a module, with the rules the annotation processor applies
     * at compile time ({@link org.delta4j.spec.TargetRules}).
     *
     * @param target the module
     * @param addressing the backbone's addressing, with its structure
     * @throws SpecException tagged {@code unsupported-module} (or {@code indivisible}) when it
     *     cannot
     */
    void check(Module target, Addressing addressing);

    /**
     * Modifies the targets.
     *
     * @param targets the modules {@link #targets} named, checked before
     * @param attachment where to make the change
     */
    void attach(List<Module> targets, Attachment attachment);
}
