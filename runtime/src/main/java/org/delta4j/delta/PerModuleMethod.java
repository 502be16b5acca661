package org.delta4j.delta;

import java.util.List;
import org.delta4j.tree.Module;

/**
 * A method that modifies each target on its own (most of them; not the parallel adapter or prefix
 * tuning).
 */
public abstract class PerModuleMethod implements DeltaMethod {
    @Override
    public final void attach(List<Module> targets, Attachment attachment) {
        for (Module target : targets) {
            attachTo(target, attachment);
        }
    }

    /**
     * Modifies one module.
     *
     * @param target the module, checked before
     * @param attachment where to make the change
     */
    protected abstract void attachTo(Module target, Attachment attachment);
}
