package org.delta4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.delta.DeltaValues;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.io.Safetensors;
import org.delta4j.models.Fixtures;
import org.delta4j.models.hf.HfModels;
import org.delta4j.nn.ParameterValues;
import org.delta4j.train.data.Batch;
import org.delta4j.train.data.Batches;
import org.delta4j.train.optim.OptimizerType;
import org.delta4j.train.optim.ScheduleType;

/**
 * One case of the fixtures' {@code train/} folder, set up as its README describes: the model
 * fixture with the dropout overrides in a copy of its config, LoRA (r 4, alpha 8) with the
 * classifier trainable or every parameter trainable, the starting values of {@code
 * initial.safetensors}, the batches in order and the case's arguments.
 */
final class TrainCase {
    private static final String PEFT_PREFIX = "base_model.model.";

    final String name;
    final JsonObject json;
    final Path dir;
    final Path modelDir;
    final Block model;
    final Tuning tuning;
    final Map<String, Parameter> byFixtureName;
    final List<Batch> batches;

    private TrainCase(
            String name,
            JsonObject json,
            Path dir,
            Path modelDir,
            Block model,
            Tuning tuning,
            Map<String, Parameter> byFixtureName,
            List<Batch> batches) {
        this.name = name;
        this.json = json;
        this.dir = dir;
        this.modelDir = modelDir;
        this.model = model;
        this.tuning = tuning;
        this.byFixtureName = byFixtureName;
        this.batches = batches;
    }

    /**
     * @param name the case folder's name
     * @param tmp a temporary folder for the model copy
     * @param manager owns the model
     * @return the case, set up with its starting values
     */
    static TrainCase load(String name, Path tmp, NDManager manager) throws IOException {
        Path dir = Fixtures.root().resolve("train").resolve(name);
        JsonObject json = read(dir.resolve("case.json"));
        Path modelDir = modelCopy(json, tmp);
        Block model = HfModels.loadAs(modelDir, json.get("model_class").getAsString(), manager);
        Tuning tuning = null;
        if (json.get("lora_config_kwargs").isJsonObject()) {
            JsonObject lora = json.getAsJsonObject("lora_config_kwargs");
            List<String> exclude = new ArrayList<>(List.of(FreezeSpec.DELTAS));
            if (lora.get("modules_to_save").isJsonArray()) {
                lora.getAsJsonArray("modules_to_save").forEach(m -> exclude.add(m.getAsString()));
            }
            tuning =
                    TuningSpec.builder()
                            .add(
                                    LoraSpec.builder()
                                            .modules(strings(lora.getAsJsonArray("target_modules")))
                                            .r(lora.get("r").getAsInt())
                                            .alpha(lora.get("lora_alpha").getAsDouble())
                                            .dropout(0)
                                            .build())
                            .freeze(
                                    FreezeSpec.builder()
                                            .exclude(exclude.toArray(new String[0]))
                                            .build())
                            .build()
                            .attach(model);
        }
        Map<String, Parameter> byFixtureName = byFixtureName(model, tuning);
        try (NDManager scratch = manager.newSubManager()) {
            Map<String, NDArray> initial =
                    Safetensors.read(dir.resolve("initial.safetensors"), scratch);
            initial.forEach((key, value) -> ParameterValues.assign(byFixtureName.get(key), value));
        }
        return new TrainCase(name, json, dir, modelDir, model, tuning, byFixtureName, batches(dir));
    }

    /**
     * @return the case's arguments: its optimizer (class, lr, betas, eps, weight decay, momentum),
     *     schedule, clipping and accumulation, as many steps as the case takes, no shuffling, no
     *     periodic saves
     */
    TrainingArguments arguments() {
        JsonElement clip = json.get("clip_grad_norm");
        JsonObject optimizer = json.getAsJsonObject("optimizer");
        JsonObject schedule = json.getAsJsonObject("schedule");
        TrainingArguments.Builder b =
                TrainingArguments.builder()
                        .optimizer(optimizerType(optimizer.get("class").getAsString()))
                        .learningRate(optimizer.get("lr").getAsDouble())
                        .weightDecay(optimizer.get("weight_decay").getAsDouble())
                        .maxGradNorm(
                                clip.isJsonNull()
                                        ? 0
                                        : clip.getAsJsonObject().get("max_norm").getAsDouble())
                        .gradientAccumulationSteps(json.get("gradient_accumulation").getAsInt())
                        .lrSchedulerType(scheduleType(schedule.get("class")))
                        .warmupSteps(
                                schedule.has("num_warmup_steps")
                                        ? schedule.get("num_warmup_steps").getAsInt()
                                        : 0)
                        .maxSteps(json.get("optimizer_steps").getAsInt())
                        .shuffle(false)
                        .saveSteps(0);
        if (optimizer.has("betas")) {
            b.adamBeta1(optimizer.getAsJsonArray("betas").get(0).getAsDouble())
                    .adamBeta2(optimizer.getAsJsonArray("betas").get(1).getAsDouble())
                    .adamEpsilon(optimizer.get("eps").getAsDouble());
        }
        if (optimizer.has("momentum")) {
            b.momentum(optimizer.get("momentum").getAsDouble());
        }
        return b.build();
    }

    /** {@code torch.optim.AdamW} and its kin, as the trainer names them. */
    static OptimizerType optimizerType(String torchClass) {
        return OptimizerType.parse(torchClass.substring(torchClass.lastIndexOf('.') + 1));
    }

    /**
     * transformers' schedule functions ({@code null}: a constant rate), as the trainer names them.
     */
    static ScheduleType scheduleType(JsonElement function) {
        if (function.isJsonNull()) {
            return ScheduleType.CONSTANT;
        }
        String name = function.getAsString();
        // get_constant_schedule[_with_warmup] -> constant[_with_warmup];
        // get_linear_schedule_with_warmup
        // -> linear (the linear and cosine schedules always have a warmup).
        name =
                name.substring(name.lastIndexOf('.') + 1)
                        .replace("get_", "")
                        .replace("_schedule", "");
        return ScheduleType.parse(
                name.startsWith("constant") ? name : name.replace("_with_warmup", ""));
    }

    /**
     * @return the batches, the same every epoch
     */
    Batches trainBatches() {
        return batches(0, batches.size());
    }

    /**
     * @param from the first batch
     * @param to after the last batch
     * @return those batches, the same every epoch
     */
    Batches batches(int from, int to) {
        List<Batch> some = batches.subList(from, to);
        return new Batches() {
            @Override
            public int perEpoch() {
                return some.size();
            }

            @Override
            public Batch get(int epoch, int index) {
                return some.get(index);
            }
        };
    }

    /**
     * @return the trace's entries, in batch order
     */
    List<JsonObject> trace() throws IOException {
        List<JsonObject> out = new ArrayList<>();
        read(dir.resolve("trace.json"))
                .getAsJsonArray("steps")
                .forEach(e -> out.add(e.getAsJsonObject()));
        return out;
    }

    /**
     * @return the trainable parameters keyed by the fixture's name, in the case's order
     */
    Map<String, Parameter> trainableInCaseOrder() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (JsonElement t : json.getAsJsonArray("trainable")) {
            String key = t.getAsJsonObject().get("name").getAsString();
            out.put(key, byFixtureName.get(key));
        }
        return out;
    }

    private static Map<String, Parameter> byFixtureName(Block model, Tuning tuning) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        if (tuning == null) {
            out.putAll(TrainableParameters.of(model));
            return out;
        }
        DeltaValues.canonicalParameters(tuning)
                .forEach(
                        (path, p) -> {
                            // <module>.lora.lora_A ->
                            // base_model.model.<module>.lora_A.default.weight
                            String module = path.substring(0, path.lastIndexOf(".lora."));
                            String matrix = path.substring(path.lastIndexOf('.') + 1);
                            out.put(PEFT_PREFIX + module + "." + matrix + ".default.weight", p);
                        });
        DeltaValues.backboneParameters(model)
                .forEach(
                        (path, p) -> {
                            if (p.requiresGradient()) {
                                int dot = path.lastIndexOf('.');
                                out.put(
                                        PEFT_PREFIX
                                                + path.substring(0, dot)
                                                + ".modules_to_save.default"
                                                + path.substring(dot),
                                        p);
                            }
                        });
        return out;
    }

    private static Path modelCopy(JsonObject json, Path tmp) throws IOException {
        Path source = Fixtures.root().resolve(json.get("model_fixture").getAsString());
        Path copy = Files.createTempDirectory(tmp, "model");
        try (var files = Files.list(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        JsonObject config = read(copy.resolve("config.json"));
        json.getAsJsonObject("config_overrides")
                .entrySet()
                .forEach(
                        e -> {
                            if (!e.getKey().equals("note")) {
                                config.add(e.getKey(), e.getValue());
                            }
                        });
        Files.delete(copy.resolve("config.json"));
        Files.writeString(copy.resolve("config.json"), config.toString());
        return copy;
    }

    private static List<Batch> batches(Path dir) throws IOException {
        List<Batch> out = new ArrayList<>();
        for (JsonElement e : read(dir.resolve("batches.json")).getAsJsonArray("batches")) {
            JsonObject b = e.getAsJsonObject();
            long[][] ids = matrix(b.getAsJsonArray("input_ids"));
            long[][] mask = matrix(b.getAsJsonArray("attention_mask"));
            JsonArray labels = b.getAsJsonArray("labels");
            boolean perToken = labels.get(0).isJsonArray();
            long[] classes = null;
            if (!perToken) {
                classes = new long[labels.size()];
                for (int i = 0; i < classes.length; i++) {
                    classes[i] = labels.get(i).getAsLong();
                }
            }
            out.add(new Batch(ids, mask, null, perToken ? matrix(labels) : null, classes, null));
        }
        return out;
    }

    private static long[][] matrix(JsonArray rows) {
        long[][] out = new long[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            JsonArray row = rows.get(r).getAsJsonArray();
            out[r] = new long[row.size()];
            for (int c = 0; c < row.size(); c++) {
                out[r][c] = row.get(c).getAsLong();
            }
        }
        return out;
    }

    private static String[] strings(JsonArray array) {
        String[] out = new String[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsString();
        }
        return out;
    }

    static JsonObject read(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }
}
