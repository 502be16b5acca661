package org.delta4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.delta4j.io.TensorInfo;
import org.delta4j.io.TensorSource;
import org.delta4j.tree.ModuleTree;

/**
 * The base model's part of a checkpoint, as HF's {@code AutoModel} reads it: in a checkpoint of a model with a head
 * ({@code BertForMaskedLM}: {@code bert.*} plus {@code cls.*}) the keys under the base model prefix, with the prefix
 * taken off; in a checkpoint without that prefix (a base model, or T5, whose head model has none) the keys whose
 * first segment is a top-level part of the base model. Everything else is head and left out.
 */
final class BaseModelWeights implements TensorSource {
    private final TensorSource source;
    /** View name to stored name, in storage order. */
    private final Map<String, String> stored;

    private BaseModelWeights(TensorSource source, Map<String, String> stored) {
        this.source = source;
        this.stored = stored;
    }

    /**
     * @param source the whole checkpoint; closing the view closes it
     * @param prefix the base model prefix ({@code bert}), or empty where the head model has none
     * @param base the base model
     * @return the base model's keys
     */
    static BaseModelWeights of(TensorSource source, String prefix, Block base) {
        ModuleTree tree = ModuleTree.of(base);
        Set<String> topLevel = new HashSet<>();
        tree.parameters().keySet().forEach(k -> topLevel.add(firstSegment(k)));
        tree.buffers().keySet().forEach(k -> topLevel.add(firstSegment(k)));
        String dotted = prefix + ".";
        boolean prefixed = !prefix.isEmpty() && source.names().stream().anyMatch(k -> k.startsWith(dotted));
        Map<String, String> stored = new LinkedHashMap<>();
        for (String key : source.names()) {
            if (prefixed) {
                if (key.startsWith(dotted)) {
                    stored.put(key.substring(dotted.length()), key);
                }
            } else if (topLevel.contains(firstSegment(key))) {
                stored.put(key, key);
            }
        }
        return new BaseModelWeights(source, stored);
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
        return source.location() + " (base model part)";
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    private static String firstSegment(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    private String storedName(String name) {
        String key = stored.get(name);
        if (key == null) {
            throw new IllegalArgumentException("No tensor " + name + " in the base model part of "
                    + source.location());
        }
        return key;
    }
}
