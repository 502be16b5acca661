package org.delta4j.delta.named;

import ai.djl.nn.Block;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.nn.ForwardGate;

/**
 * Several named deltas on one backbone, as PEFT's adapters: add them, run one or several at a time,
 * switch all off for the base model's outputs, delete them.
 *
 * <pre>{@code
 * DeltaSet set = DeltaSet.on(backbone);
 * set.add("sst2", sst2Spec);
 * set.add("mnli", DeltaCheckpoint.load(dir, backbone));
 * set.activate("sst2");   // only sst2 runs
 * set.disableAll();       // the backbone's own outputs, bit for bit
 * set.delete("mnli");     // detached: as if never attached
 * }</pre>
 *
 * <p>An inactive delta stays attached but its layers are skipped, and its parameters are frozen
 * (their trainable flags come back when it is activated), so training touches only the active
 * deltas. Deactivating a merged LoRA delta unmerges it first. A delta that trains backbone
 * parameters in place (BitFit's biases), or runs outside a delta host (a hook on the model's root),
 * cannot be switched off that way, so the set refuses it.
 *
 * <p>Threads: the set may be changed from any thread while others run forward passes on the
 * backbone. Each change ({@link #add}, {@link #activate}, {@link #disableAll}, {@link #delete})
 * waits for the running forward passes and holds new ones back until it is done ({@link
 * ForwardGate}), so every forward pass through the backbone's root runs with one set of active
 * deltas from start to end: the one before the change or the one after it. Changes run one at a
 * time. A forward pass on a part of the backbone (its encoder alone) is not gated, and the gate
 * holds only for delta4j's own models.
 */
public final class DeltaSet {
    private final Block backbone;
    private final Map<String, NamedDelta> deltas = new LinkedHashMap<>();

    private DeltaSet(Block backbone) {
        this.backbone = backbone;
        gate(); // from now on every forward pass through the root holds it
    }

    /**
     * @param backbone a model's root block
     * @return an empty set of named deltas on it
     */
    public static DeltaSet on(Block backbone) {
        return new DeltaSet(backbone);
    }

    /**
     * @return the backbone
     */
    public Block backbone() {
        return backbone;
    }

    /**
     * Attaches a spec's deltas under a name; they are active.
     *
     * @param name a new name
     * @param spec the deltas
     * @return their handle
     * @throws IllegalArgumentException when the name is taken or blank, or a delta trains backbone
     *     parameters in place; nothing is attached then
     */
    public synchronized Tuning add(String name, TuningSpec spec) {
        return gate().change(() -> addAlone(name, spec));
    }

    private Tuning addAlone(String name, TuningSpec spec) {
        checkName(name);
        Tuning tuning = spec.attach(backbone);
        try {
            return addAlone(name, tuning);
        } catch (RuntimeException e) {
            tuning.detach();
            throw e;
        }
    }

    /**
     * Takes deltas already attached to this backbone (such as a loaded checkpoint) under a name;
     * they stay as they are (active).
     *
     * @param name a new name
     * @param tuning attached deltas on this set's backbone, not in the set yet
     * @return the handle
     * @throws IllegalArgumentException when the name is taken or blank, the deltas are on another
     *     backbone, detached or already named, or a delta trains backbone parameters in place
     */
    public synchronized Tuning add(String name, Tuning tuning) {
        return gate().change(() -> addAlone(name, tuning));
    }

    private Tuning addAlone(String name, Tuning tuning) {
        checkName(name);
        if (tuning.backbone() != backbone || !tuning.isAttached()) {
            throw new IllegalArgumentException(
                    "\"" + name + "\": the deltas must be attached to this set's backbone");
        }
        for (NamedDelta n : deltas.values()) {
            if (n.tuning() == tuning) {
                throw new IllegalArgumentException(
                        "\"" + name + "\": these deltas are already in the set");
            }
        }
        Switchability.require(name, tuning);
        deltas.put(name, new NamedDelta(tuning));
        return tuning;
    }

    /**
     * Makes exactly these deltas active; all others are switched off.
     *
     * @param names names in the set
     * @throws IllegalArgumentException naming an unknown name; nothing changes then
     */
    public synchronized void activate(String... names) {
        gate().change(() -> activateAlone(names));
    }

    private void activateAlone(String... names) {
        Set<String> wanted = new LinkedHashSet<>(List.of(names));
        for (String n : wanted) {
            named(n);
        }
        deltas.forEach(
                (name, n) -> {
                    if (!wanted.contains(name)) {
                        n.switchOff();
                    }
                });
        wanted.forEach(n -> deltas.get(n).switchOn());
    }

    /** Switches every delta off: the backbone gives its own outputs, bit for bit. */
    public synchronized void disableAll() {
        gate().change(() -> deltas.values().forEach(NamedDelta::switchOff));
    }

    /**
     * Detaches a delta and forgets its name; the backbone is as if it had never been attached.
     *
     * @param name a name in the set
     * @throws IllegalArgumentException for an unknown name
     */
    public synchronized void delete(String name) {
        gate().change(
                        () -> {
                            NamedDelta n = named(name);
                            n.switchOn(); // the layers go with their flags as they were attached
                            n.tuning().detach();
                            deltas.remove(name);
                        });
    }

    /**
     * @return the names, in the order they were added
     */
    public synchronized Set<String> names() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(deltas.keySet()));
    }

    /**
     * @return the names of the active deltas, in the order they were added
     */
    public synchronized Set<String> active() {
        Set<String> out = new LinkedHashSet<>();
        deltas.forEach(
                (name, n) -> {
                    if (n.isActive()) {
                        out.add(name);
                    }
                });
        return Collections.unmodifiableSet(out);
    }

    /**
     * @param name a name in the set
     * @return its deltas' handle
     * @throws IllegalArgumentException for an unknown name
     */
    public synchronized Tuning get(String name) {
        return named(name).tuning();
    }

    private ForwardGate gate() {
        return ForwardGate.of(backbone);
    }

    private NamedDelta named(String name) {
        NamedDelta n = deltas.get(name);
        if (n == null) {
            throw new IllegalArgumentException(
                    "No delta named \"" + name + "\"; the set has " + deltas.keySet());
        }
        return n;
    }

    private void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a delta needs a non-blank name");
        }
        if (deltas.containsKey(name)) {
            throw new IllegalArgumentException(
                    "a delta named \"" + name + "\" is already in the set");
        }
    }
}
