package org.delta4j.delta;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * What delta4j knows about one backbone beyond its block tree: the attached deltas, in attach
 * order, and the state-dict restriction a freeze with {@code setStateDict} left. Kept per root
 * block (weakly, so a dropped model is collected), which lets several tuning specs share the {@code
 * "deltas"} keyword on one backbone.
 */
public final class DeltaRegistry {
    private static final Map<Block, DeltaRegistry> REGISTRIES =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final List<AttachedDelta> deltas = new ArrayList<>();
    private Set<String> stateDictKeys;

    private DeltaRegistry() {}

    /**
     * @param backbone a model's root block
     * @return its registry, created empty on first use
     */
    public static DeltaRegistry of(Block backbone) {
        return REGISTRIES.computeIfAbsent(backbone, b -> new DeltaRegistry());
    }

    /**
     * @return the attached deltas, in attach order
     */
    public synchronized List<AttachedDelta> deltas() {
        return List.copyOf(deltas);
    }

    /**
     * @return every delta parameter of every attached delta, ties removed
     */
    public synchronized Set<Parameter> deltaParameters() {
        Set<Parameter> out = Collections.newSetFromMap(new IdentityHashMap<>());
        for (AttachedDelta d : deltas) {
            out.addAll(d.parameters().values());
        }
        return out;
    }

    /**
     * @return the state-dict keys a freeze with setStateDict kept, or {@code null} for all
     */
    public synchronized Set<String> stateDictKeys() {
        return stateDictKeys;
    }

    synchronized void add(AttachedDelta delta) {
        deltas.add(delta);
    }

    synchronized void remove(AttachedDelta delta) {
        deltas.remove(delta);
    }

    synchronized void restrictStateDict(Set<String> keys) {
        this.stateDictKeys = keys == null ? null : Set.copyOf(keys);
    }
}
