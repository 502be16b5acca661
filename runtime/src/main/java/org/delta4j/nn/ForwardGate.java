package org.delta4j.nn;

import ai.djl.nn.Block;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Keeps forward passes and changes to a model apart. Forward passes through a gated block share the
 * gate (any number run at once); a change (attaching, detaching, switching or merging deltas) holds
 * it alone, waiting for the running forward passes to end and holding new ones back until it is
 * done. So every forward pass sees the model as it was before a change or as it is after it, never
 * half-way. The gate is fair: a waiting change goes ahead of forward passes that arrive after it.
 *
 * <p>A forward pass must not change the model it runs on: a change from inside one throws instead
 * of waiting for itself.
 *
 * <p>delta4j's own blocks ({@link HfBlock}) hold their gate in every forward pass once it exists; a
 * model that {@code HfModels} loads or builds has it from the start, one built by hand from its
 * first change. Forward passes through another DJL block are not gated: changes to such a model
 * still exclude each other, but its forward passes must not run while it changes.
 */
public final class ForwardGate {
    // Gates of blocks that are not delta4j's, which cannot hold one themselves; weak, so a dropped
    // model goes.
    private static final Map<Block, ForwardGate> OTHERS =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    ForwardGate() {}

    /**
     * @param block a model's root block
     * @return its gate, made on first use
     */
    public static ForwardGate of(Block block) {
        return block instanceof HfBlock
                ? ((HfBlock) block).gate()
                : OTHERS.computeIfAbsent(block, b -> new ForwardGate());
    }

    /**
     * Runs a forward pass, together with any other forward passes and apart from changes.
     *
     * @param pass the forward pass
     * @param <T> its result type
     * @return its result
     */
    public <T> T forward(Supplier<T> pass) {
        lock.readLock().lock();
        try {
            return pass.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs a change to the model alone, after the running forward passes. Changes nest: a change
     * may make others.
     *
     * @param change the change
     * @param <T> its result type
     * @return its result
     * @throws IllegalStateException when called from inside a forward pass through this gate
     */
    public <T> T change(Supplier<T> change) {
        if (lock.getReadHoldCount() > 0) {
            throw new IllegalStateException(
                    "A forward pass cannot change the model it runs on (attach, detach, "
                            + "switch or merge deltas); make the change before or after the forward pass");
        }
        lock.writeLock().lock();
        try {
            return change.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Runs a change with no result; see {@link #change(Supplier)}.
     *
     * @param change the change
     */
    public void change(Runnable change) {
        change(
                () -> {
                    change.run();
                    return null;
                });
    }
}
