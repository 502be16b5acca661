package org.delta4j.models;

import ai.djl.nn.Block;
import org.delta4j.tree.ModuleHost;

/**
 * Sees through delta hosts: the module that a model's child, as its parent holds it now, stands
 * for.
 */
public final class Hosted {
    private Hosted() {}

    /**
     * @param child a child block as its parent's list holds it now, possibly a delta host standing
     *     in for the module
     * @param type the module's class
     * @param <B> the module's type
     * @return the module itself
     * @throws IllegalStateException when the module is not of that class
     */
    public static <B extends Block> B module(Block child, Class<B> type) {
        Block b = child;
        while (b instanceof ModuleHost) {
            b = ((ModuleHost) b).hosted();
        }
        if (!type.isInstance(b)) {
            throw new IllegalStateException(
                    "Expected a " + type.getSimpleName() + ", found a " + b.getClass().getName());
        }
        return type.cast(b);
    }
}
