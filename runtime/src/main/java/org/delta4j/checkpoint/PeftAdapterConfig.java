package org.delta4j.checkpoint;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.delta4j.io.StrictJson;
import org.delta4j.io.UserFiles;

/**
 * A PEFT LoRA adapter's {@code adapter_config.json}. Reading accepts what PEFT writes, ignoring
 * keys it does not know (newer PEFT versions add some), and refuses, naming the field, the LoRA
 * variants delta4j does not run: rsLoRA, DoRA, trained biases, per-module ranks or alphas, layer
 * subsets. Writing gives PEFT 0.7.1's exact set of keys, sorted and indented as Python's {@code
 * json.dumps(indent=2, sort_keys=True)}, which every PEFT version since reads.
 *
 * @param r the rank
 * @param loraAlpha the scaling numerator
 * @param loraDropout the dropout on the LoRA path
 * @param targetModules the target module names (exact paths or dotted suffixes), or {@code null}
 * @param targetRegex a regular expression that whole module paths must match, or {@code null}
 * @param fanInFanOut whether the targets store their weights {@code [in, out]} (GPT-2's Conv1D)
 * @param baseModelNameOrPath the base model's name or folder, or {@code null}
 * @param taskType PEFT's task type, such as {@code CAUSAL_LM}, or {@code null}
 * @param baseModelClass the base model's class that {@code auto_mapping} records, or {@code null}
 * @param modulesToSave the entries selecting whole modules that train beside LoRA ({@code
 *     modules_to_save}); empty when none
 */
record PeftAdapterConfig(
        int r,
        double loraAlpha,
        double loraDropout,
        List<String> targetModules,
        String targetRegex,
        boolean fanInFanOut,
        String baseModelNameOrPath,
        String taskType,
        String baseModelClass,
        List<String> modulesToSave) {
    /** The file's name. */
    static final String FILE = "adapter_config.json";

    /**
     * @param dir an adapter folder
     * @return its config
     * @throws IOException naming the file and the problem when it is missing, not valid JSON, not
     *     LoRA, or uses a LoRA variant delta4j does not run
     */
    static PeftAdapterConfig read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        JsonObject json;
        try {
            JsonElement root = StrictJson.parse(UserFiles.readUtf8(file));
            if (!root.isJsonObject()) {
                throw new IOException(file + " is not a PEFT adapter config: not a JSON object.");
            }
            json = root.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IOException(
                    file + " is corrupt or truncated: not valid JSON (" + e.getMessage() + ").", e);
        }
        PeftConfigFields f = new PeftConfigFields(file, json);
        String type = f.string("peft_type", null);
        if (!"LORA".equals(type)) {
            throw new IOException(
                    file
                            + ": PEFT method "
                            + type
                            + " is not supported; delta4j reads LoRA adapters.");
        }
        f.refuse("use_rslora", "rsLoRA (scaling alpha / sqrt(r))", JsonPrimitive::getAsBoolean);
        f.refuse("use_dora", "DoRA", JsonPrimitive::getAsBoolean);
        f.refuse("lora_bias", "a trained bias on lora_B", JsonPrimitive::getAsBoolean);
        f.refuseUnlessEmpty("rank_pattern", "per-module ranks (rank_pattern)");
        f.refuseUnlessEmpty("alpha_pattern", "per-module alphas (alpha_pattern)");
        f.refuseUnlessEmpty("layers_to_transform", "a subset of layers (layers_to_transform)");
        f.refuseUnlessEmpty("layer_replication", "layer replication");
        f.refuseUnlessEmpty("target_parameters", "LoRA on parameters (target_parameters)");
        f.refuseUnlessEmpty("trainable_token_indices", "trainable tokens");
        String bias = f.string("bias", "none");
        if (!"none".equals(bias)) {
            throw new IOException(
                    file
                            + ": bias \""
                            + bias
                            + "\" trains backbone biases, which a delta4j LoRA delta "
                            + "does not hold; only bias \"none\" is supported.");
        }
        JsonElement targets = json.get("target_modules");
        List<String> list = null;
        String regex = null;
        if (targets != null
                && targets.isJsonPrimitive()
                && targets.getAsJsonPrimitive().isString()) {
            regex = targets.getAsString();
        } else if (targets != null && !targets.isJsonNull()) {
            list = f.strings("target_modules", "a list of module names or one regular expression");
        }
        int r = f.positiveInt("r");
        double alpha = f.number("lora_alpha", 8);
        double dropout = f.number("lora_dropout", 0);
        if (!(alpha > 0) || !(dropout >= 0 && dropout < 1)) {
            throw new IOException(
                    file
                            + ": lora_alpha must be > 0 and lora_dropout in [0, 1), not "
                            + alpha
                            + " and "
                            + dropout
                            + ".");
        }
        JsonElement mapping = json.get("auto_mapping");
        String modelClass = null;
        if (mapping != null && mapping.isJsonObject()) {
            modelClass =
                    new PeftConfigFields(file, mapping.getAsJsonObject())
                            .string("base_model_class", null);
        }
        return new PeftAdapterConfig(
                r,
                alpha,
                dropout,
                list,
                regex,
                f.bool("fan_in_fan_out", false),
                f.string("base_model_name_or_path", null),
                f.string("task_type", null),
                modelClass,
                modulesToSave(json, f));
    }

    private static List<String> modulesToSave(JsonObject json, PeftConfigFields f)
            throws IOException {
        JsonElement e = json.get("modules_to_save");
        return e == null || e.isJsonNull()
                ? List.of()
                : f.strings("modules_to_save", "a list of module names, or null");
    }

    /**
     * @return the config as PEFT 0.7.1 writes it
     */
    String toJson() {
        Map<String, JsonElement> m = new TreeMap<>();
        m.put("alpha_pattern", new JsonObject());
        m.put("auto_mapping", JsonNull.INSTANCE);
        m.put("base_model_name_or_path", text(baseModelNameOrPath));
        m.put("bias", new JsonPrimitive("none"));
        m.put("fan_in_fan_out", new JsonPrimitive(fanInFanOut));
        m.put("inference_mode", new JsonPrimitive(true));
        m.put("init_lora_weights", new JsonPrimitive(true));
        m.put("layers_pattern", JsonNull.INSTANCE);
        m.put("layers_to_transform", JsonNull.INSTANCE);
        m.put("loftq_config", new JsonObject());
        m.put("lora_alpha", number(loraAlpha));
        m.put("lora_dropout", new JsonPrimitive(loraDropout));
        m.put("megatron_config", JsonNull.INSTANCE);
        m.put("megatron_core", new JsonPrimitive("megatron.core"));
        m.put(
                "modules_to_save",
                modulesToSave.isEmpty() ? JsonNull.INSTANCE : array(modulesToSave));
        m.put("peft_type", new JsonPrimitive("LORA"));
        m.put("r", new JsonPrimitive(r));
        m.put("rank_pattern", new JsonObject());
        m.put("revision", JsonNull.INSTANCE);
        m.put("target_modules", array(targetModules));
        m.put("task_type", text(taskType));
        JsonObject json = new JsonObject();
        m.forEach(json::add);
        return new GsonBuilder()
                .setPrettyPrinting()
                .serializeNulls()
                .disableHtmlEscaping()
                .create()
                .toJson(json);
    }

    private static JsonArray array(List<String> items) {
        JsonArray out = new JsonArray();
        items.forEach(out::add);
        return out;
    }

    private static JsonElement text(String s) {
        return s == null ? JsonNull.INSTANCE : new JsonPrimitive(s);
    }

    /** An integral alpha is written as Python writes an int: {@code 16}, not {@code 16.0}. */
    private static JsonPrimitive number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? new JsonPrimitive((long) value)
                : new JsonPrimitive(value);
    }
}
