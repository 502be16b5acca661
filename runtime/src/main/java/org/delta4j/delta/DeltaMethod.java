package org.delta4j.delta;

import org.delta4j.tree.Module;

/**
 * How one delta method modifies a module. {@link #check} runs for every target before anything changes;
 * {@link #attach} then makes the change through an {@link Attachment}, which records how to undo it.
 */
public interface DeltaMethod {
    /** @return the name the method's layers get on a module, such as {@code adapter} or {@code lora} */
    String layerName();

    /**
     * Checks that this method can modify a module.
     *
     * @param target the module
     * @throws org.delta4j.spec.SpecException tagged {@code unsupported-module} when it cannot
     */
    void check(Module target);

    /**
     * Modifies one module.
     *
     * @param target the module, checked before
     * @param attachment where to make the change
     */
    void attach(Module target, Attachment attachment);
}
