package org.delta4j.models.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.delta4j.io.TensorInfo;
import org.delta4j.io.TensorSource;
import org.delta4j.tree.ModuleTree;

/**
 * A checkpoint saved from one class of a model type, seen under the keys of another class of the
 * same type, as HF's {@code from_pretrained} reads it. Every class holds the base model: the base
 * class at the top level, a class with a head under the base prefix ({@code bert.} in {@code
 * BertForMaskedLM}; T5's head classes hold its parts at the top level). Base keys are moved from
 * the checkpoint's place to the target's; head keys are kept where the target has a part of that
 * name and left out otherwise (another class's head). A classifier being resized (loading with
 * another number of labels) is left out where its shapes differ from the target's, so it loads
 * fresh, as HF's {@code ignore_mismatched_sizes} does.
 */
final class RetargetedCheckpoint implements TensorSource {
    private final TensorSource source;

    /** Target key to stored key, in storage order. */
    private final Map<String, String> stored;

    private final Predicate<String> mayBeFresh;

    /** The target keys left out because the checkpoint holds them at another size. */
    private final List<String> resized;

    private RetargetedCheckpoint(
            TensorSource source,
            Map<String, String> stored,
            Predicate<String> mayBeFresh,
            List<String> resized) {
        this.source = source;
        this.stored = stored;
        this.mayBeFresh = mayBeFresh;
        this.resized = List.copyOf(resized);
    }

    /**
     * @param source the checkpoint; closing the view closes it
     * @param baseModel the model type's base model class, prefix and optional parts
     * @param base the model type's base model
     * @param target the model to load, the base model or one with a head
     * @param resizedHead the path of a head module of the target whose checkpoint shapes may
     *     differ, such as a classifier loaded with another number of labels; {@code null} when
     *     every shape must fit
     * @return the checkpoint under the target's keys
     */
    static RetargetedCheckpoint of(
            TensorSource source,
            Architectures.BaseModel baseModel,
            Block base,
            Block target,
            String resizedHead) {
        String prefix = baseModel.prefix();
        Set<String> baseParts = topLevel(base);
        Set<String> targetParts = topLevel(target);
        boolean targetIsBase = target.getClass() == base.getClass();
        String targetPrefix = targetIsBase || prefix.isEmpty() ? "" : prefix + ".";
        String savedPrefix =
                prefix.isEmpty()
                                || source.names().stream()
                                        .noneMatch(k -> k.startsWith(prefix + "."))
                        ? ""
                        : prefix + ".";
        Map<String, String> stored = new LinkedHashMap<>();
        for (String key : source.names()) {
            boolean baseKey =
                    savedPrefix.isEmpty()
                            ? baseParts.contains(firstSegment(key))
                            : key.startsWith(savedPrefix);
            if (baseKey) {
                stored.put(targetPrefix + key.substring(savedPrefix.length()), key);
            } else if (targetParts.contains(firstSegment(key))) {
                stored.put(key, key);
            }
        }
        List<String> resized =
                resizedHead == null
                        ? List.of()
                        : leaveOutResized(source, stored, target, resizedHead);
        Set<String> optional = baseModel.optionalParts().keySet();
        Predicate<String> mayBeFresh =
                targetPrefix.isEmpty()
                        ? k ->
                                !baseParts.contains(firstSegment(k))
                                        || optional.contains(firstSegment(k))
                        : k ->
                                !k.startsWith(targetPrefix)
                                        || optional.contains(
                                                firstSegment(k.substring(targetPrefix.length())));
        return new RetargetedCheckpoint(source, stored, mayBeFresh, resized);
    }

    /**
     * Removes from {@code stored} the head's keys whose stored shapes differ from the target's.
     *
     * @return the removed keys
     */
    private static List<String> leaveOutResized(
            TensorSource source, Map<String, String> stored, Block target, String head) {
        Map<String, Parameter> state = ModuleTree.of(target).state();
        List<String> resized = new ArrayList<>();
        for (String key : List.copyOf(stored.keySet())) {
            Parameter p = state.get(key);
            if (key.startsWith(head + ".")
                    && p != null
                    && !source.info(stored.get(key)).shape().equals(p.getShape())) {
                stored.remove(key);
                resized.add(key);
            }
        }
        return resized;
    }

    /**
     * @return the target keys the checkpoint holds at another size, left out to load fresh
     */
    List<String> resized() {
        return resized;
    }

    /**
     * @param key a key of the target
     * @return whether a checkpoint of another class may lack it: the target's head, or an optional
     *     base part
     */
    boolean mayBeFresh(String key) {
        return mayBeFresh.test(key);
    }

    @Override
    public List<String> names() {
        return new ArrayList<>(stored.keySet());
    }

    @Override
    public TensorInfo info(String name) {
        return source.info(storedName(name));
    }

    @Override
    public NDArray read(String name, NDManager manager) throws IOException {
        NDArray array = source.read(storedName(name), manager);
        array.setName(name);
        return array;
    }

    @Override
    public String location() {
        return source.location();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    private static Set<String> topLevel(Block model) {
        Set<String> parts = new HashSet<>();
        ModuleTree.of(model).state().keySet().forEach(k -> parts.add(firstSegment(k)));
        return parts;
    }

    private static String firstSegment(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    private String storedName(String name) {
        String key = stored.get(name);
        if (key == null) {
            throw new IllegalArgumentException("No tensor " + name + " in " + source.location());
        }
        return key;
    }
}
