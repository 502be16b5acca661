package org.delta4j.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint split over several safetensors files, as HF saves large models: {@code
 * model.safetensors.index.json} maps each tensor name ({@code weight_map}) to the shard file that
 * holds it: a plain file name in the same folder, which cannot lead out of it (see {@link
 * UserFiles#sibling}).
 */
public final class ShardedSafetensors implements TensorSource {
    private final Path index;
    private final Map<String, SafetensorsFile> byName;
    private final List<SafetensorsFile> shards;

    private ShardedSafetensors(
            Path index, Map<String, SafetensorsFile> byName, List<SafetensorsFile> shards) {
        this.index = index;
        this.byName = byName;
        this.shards = shards;
    }

    /**
     * Opens every shard and checks that the index and the shards agree.
     *
     * @param index the {@code model.safetensors.index.json} file
     * @return the checkpoint
     * @throws IOException when a file cannot be read, is invalid, or a tensor is not where the
     *     index says
     */
    public static ShardedSafetensors open(Path index) throws IOException {
        Map<String, String> weightMap = weightMap(index);
        Map<String, SafetensorsFile> opened = new LinkedHashMap<>();
        Map<String, SafetensorsFile> byName = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> e : weightMap.entrySet()) {
                SafetensorsFile shard = opened.get(e.getValue());
                if (shard == null) {
                    String source = index + " maps \"" + e.getKey() + "\" to";
                    shard = SafetensorsFile.open(UserFiles.sibling(index, e.getValue(), source));
                    opened.put(e.getValue(), shard);
                }
                if (!shard.names().contains(e.getKey())) {
                    throw new IOException(
                            index
                                    + " puts \""
                                    + e.getKey()
                                    + "\" in "
                                    + e.getValue()
                                    + ", which does not hold it");
                }
                byName.put(e.getKey(), shard);
            }
            for (Map.Entry<String, SafetensorsFile> shard : opened.entrySet()) {
                for (String name : shard.getValue().names()) {
                    if (byName.get(name) != shard.getValue()) {
                        throw new IOException(
                                shard.getKey()
                                        + " holds \""
                                        + name
                                        + "\", which "
                                        + index
                                        + " does not map to it");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            for (SafetensorsFile shard : opened.values()) {
                shard.close();
            }
            throw e;
        }
        return new ShardedSafetensors(index, byName, new ArrayList<>(opened.values()));
    }

    private static Map<String, String> weightMap(Path index) throws IOException {
        String expected =
                " is not a checkpoint index: expected a JSON object with a \"weight_map\" object of tensor "
                        + "names to shard file names";
        JsonElement root;
        try {
            root = JsonParser.parseString(UserFiles.readUtf8(index));
        } catch (JsonParseException e) {
            throw new IOException(index + expected + " (" + e.getMessage() + ")", e);
        }
        JsonElement map = root.isJsonObject() ? root.getAsJsonObject().get("weight_map") : null;
        if (map == null || !map.isJsonObject()) {
            throw new IOException(index + expected);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : map.getAsJsonObject().entrySet()) {
            JsonElement file = e.getValue();
            if (!file.isJsonPrimitive() || !file.getAsJsonPrimitive().isString()) {
                throw new IOException(
                        index + expected + " (\"" + e.getKey() + "\" maps to " + file + ")");
            }
            out.put(e.getKey(), file.getAsString());
        }
        return out;
    }

    @Override
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    @Override
    public TensorInfo info(String name) {
        return shard(name).info(name);
    }

    @Override
    public NDArray read(String name, NDManager manager) throws IOException {
        return shard(name).read(name, manager);
    }

    private SafetensorsFile shard(String name) {
        SafetensorsFile shard = byName.get(name);
        if (shard == null) {
            throw new IllegalArgumentException("No tensor \"" + name + "\" in " + index);
        }
        return shard;
    }

    @Override
    public String location() {
        return index.toString();
    }

    @Override
    public void close() throws IOException {
        for (SafetensorsFile shard : shards) {
            shard.close();
        }
    }
}
