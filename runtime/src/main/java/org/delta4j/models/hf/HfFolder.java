package org.delta4j.models.hf;

import ai.djl.nn.Block;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.delta4j.io.SafetensorsFile;
import org.delta4j.io.ShardedSafetensors;
import org.delta4j.io.TensorSource;
import org.delta4j.io.UserFiles;
import org.delta4j.models.ModelConfig;

/**
 * The files of a HuggingFace model folder: {@code config.json}, parsed as its {@code model_type}'s
 * configuration, and the safetensors weights (one file or shards), with the errors that say what is
 * wrong with them and how to fix it.
 */
final class HfFolder {
    private HfFolder() {}

    /** See {@link HfModels#readConfig}. */
    static ModelConfig readConfig(Path dir) throws IOException {
        Path file = dir.resolve("config.json");
        String json = UserFiles.readUtf8(file);
        try {
            return Architectures.parseConfig(modelType(root(json)), json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code config.json} with another number of labels, as {@code from_pretrained(dir,
     * num_labels=n)} sets it: {@code num_labels} replaced, and {@code id2label} and {@code
     * label2id}, which would override it, left out.
     *
     * @param dir the folder
     * @param numLabels the number of labels, at least 1
     * @return the configuration
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is not valid or its model type is unsupported,
     *     naming the file
     */
    static ModelConfig readConfig(Path dir, int numLabels) throws IOException {
        Path file = dir.resolve("config.json");
        String json = UserFiles.readUtf8(file);
        try {
            JsonElement parsed = root(json);
            String modelType = modelType(parsed); // also checks that the text is a JSON object
            JsonObject root = parsed.getAsJsonObject();
            root.remove("id2label");
            root.remove("label2id");
            root.addProperty("num_labels", numLabels);
            return Architectures.parseConfig(modelType, root.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param dir the folder
     * @param modelClass the class being loaded, for the conversion hint
     * @return its weights: {@code model.safetensors}, or the shards a {@code
     *     model.safetensors.index.json} lists
     * @throws IOException when there are none, saying how to convert PyTorch pickle weights
     */
    static TensorSource openWeights(Path dir, String modelClass) throws IOException {
        Path single = dir.resolve("model.safetensors");
        Path index = dir.resolve("model.safetensors.index.json");
        // Exists, not isRegularFile: a folder or FIFO under these names is an error that says so.
        if (Files.exists(single)) {
            return SafetensorsFile.open(single);
        }
        if (Files.exists(index)) {
            return ShardedSafetensors.open(index);
        }
        if (Files.isRegularFile(dir.resolve("pytorch_model.bin"))
                || Files.isRegularFile(dir.resolve("pytorch_model.bin.index.json"))) {
            throw new IOException(
                    dir
                            + " holds only PyTorch pickle weights (pytorch_model.bin), which delta4j does "
                            + "not read. Convert them to safetensors, e.g. in Python: from transformers import "
                            + modelClass
                            + "; "
                            + modelClass
                            + ".from_pretrained(dir).save_pretrained(dir, safe_serialization=True)");
        }
        throw new IOException(
                dir + " has no model.safetensors (nor a sharded model.safetensors.index.json)");
    }

    /**
     * A base model whose checkpoint lacks a part that HF saves some head classes without (BERT's
     * pooler, for {@code BertForMaskedLM}) is such a head's checkpoint labelled as the base model:
     * say how to load it.
     */
    static void requireOptionalParts(
            Path dir, ModelConfig config, Block model, TensorSource weights) throws IOException {
        Architectures.BaseModel base = Architectures.base(config.modelType());
        if (!model.getClass().getSimpleName().equals(base.className())) {
            return;
        }
        for (String part : base.optionalParts().keySet()) {
            if (weights.names().stream().noneMatch(k -> k.startsWith(part + "."))) {
                throw new IOException(
                        dir
                                + " has no weights for "
                                + base.className()
                                + "'s "
                                + part
                                + " (HF saves "
                                + "masked-LM and other head checkpoints without it): load it with HfModels.loadBase (--base "
                                + "on the command line) to get a freshly initialised "
                                + part
                                + ", whose "
                                + base.optionalParts().get(part)
                                + " is then not the checkpoint's");
            }
        }
    }

    private static String modelType(JsonElement root) {
        JsonElement type = root.isJsonObject() ? ((JsonObject) root).get("model_type") : null;
        if (type == null || !type.isJsonPrimitive()) {
            throw new IllegalArgumentException("no \"model_type\" string");
        }
        return type.getAsString();
    }

    private static JsonElement root(String json) {
        try {
            return JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }
}
