package org.delta4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.delta4j.io.Safetensors;
import org.delta4j.io.SafetensorsFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code delta4j train} reproduces every {@code train/} fixture, as its README asks: the model's
 * config with the dropout overrides, the batches as JSONL rows in order, {@code --no-shuffle}; the
 * loss, grad norm and lr of each step (from {@code --log}) and the final values (the output folder)
 * against PyTorch's.
 */
class TrainCommandFixtureTest {
    private static final double REL = 1e-5;

    @TempDir Path tmp;

    @TestFactory
    Stream<DynamicTest> everyTrainCaseThroughTheCli() throws IOException {
        return DynamicTest.stream(
                ModelFixtures.trainCases().stream(), d -> d.getFileName().toString(), this::check);
    }

    private void check(Path caseDir) throws IOException {
        JsonObject json = read(caseDir.resolve("case.json"));
        Path work = Files.createDirectories(tmp.resolve(caseDir.getFileName().toString()));
        Path model = modelWithOverrides(caseDir, json, work.resolve("model"));
        Path data = batchesAsRows(caseDir, json, work.resolve("train.jsonl"));
        Path out = work.resolve("out");
        Path log = work.resolve("metrics.jsonl");
        boolean full = json.get("lora_config_kwargs").isJsonNull();
        List<String> args =
                new ArrayList<>(List.of("train", model.toString(), "--data", data.toString()));
        args.addAll(List.of("--output", out.toString(), "--log", log.toString(), "--no-shuffle"));
        args.addAll(recipe(json));
        if (full) {
            args.add("--full");
        } else {
            args.addAll(List.of("--adapter", caseDir.resolve("adapter_initial").toString()));
        }
        Cli.Result run = Cli.run(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run::toString);

        List<JsonObject> steps = stepLines(log);
        List<JsonObject> expected = new ArrayList<>();
        for (JsonElement e : read(caseDir.resolve("trace.json")).getAsJsonArray("steps")) {
            if (e.getAsJsonObject().has("optimizer_step")) {
                expected.add(e.getAsJsonObject());
            }
        }
        assertEquals(expected.size(), steps.size(), "optimizer steps in the log");
        int accumulation = json.get("gradient_accumulation").getAsInt();
        List<JsonElement> trace =
                read(caseDir.resolve("trace.json")).getAsJsonArray("steps").asList();
        for (int k = 0; k < expected.size(); k++) {
            JsonObject want = expected.get(k);
            JsonObject got = steps.get(k);
            assertEquals(k + 1, got.get("step").getAsInt());
            double meanLoss = 0;
            for (int b = 0; b < accumulation; b++) {
                meanLoss +=
                        trace.get(k * accumulation + b).getAsJsonObject().get("loss").getAsDouble();
            }
            meanLoss /= accumulation;
            close(meanLoss, got.get("loss").getAsDouble(), "loss of step " + (k + 1));
            close(
                    want.get("grad_norm").getAsDouble(),
                    got.get("grad_norm").getAsDouble(),
                    "grad_norm of step " + (k + 1));
            assertEquals(
                    want.get("lr").getAsDouble(),
                    got.get("learning_rate").getAsDouble(),
                    "lr of step " + (k + 1));
        }
        finalValues(caseDir, json, out, full);
    }

    /** The trained values in the output folder against {@code final.safetensors}. */
    private static void finalValues(Path caseDir, JsonObject json, Path out, boolean full)
            throws IOException {
        double tolerance = full ? 3e-5 : 1e-5;
        Path written =
                full ? out.resolve("model.safetensors") : out.resolve("adapter_model.safetensors");
        try (NDManager manager = NDManager.newBaseManager();
                SafetensorsFile want = Safetensors.open(caseDir.resolve("final.safetensors"));
                SafetensorsFile got = Safetensors.open(written)) {
            for (JsonElement e : json.getAsJsonArray("trainable")) {
                JsonObject t = e.getAsJsonObject();
                String key =
                        full ? t.get("name").getAsString() : t.get("adapter_key").getAsString();
                NDArray w = want.read(t.get("name").getAsString(), manager);
                NDArray g = got.read(key, manager);
                float diff = ModelFixtures.maxAbsDiff(w, g);
                assertTrue(diff <= tolerance, key + " differs from PyTorch's by " + diff);
            }
        }
    }

    private static List<String> recipe(JsonObject json) {
        JsonObject optimizer = json.getAsJsonObject("optimizer");
        String torchClass = optimizer.get("class").getAsString();
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--batch-size",
                                json.getAsJsonObject("data").get("batch_size").getAsString(),
                                "--max-steps",
                                json.get("optimizer_steps").getAsString(),
                                "--optimizer",
                                torchClass.substring(torchClass.lastIndexOf('.') + 1),
                                "--learning-rate",
                                optimizer.get("lr").getAsString(),
                                "--weight-decay",
                                optimizer.get("weight_decay").getAsString(),
                                "--gradient-accumulation-steps",
                                json.get("gradient_accumulation").getAsString()));
        if (optimizer.has("betas")) {
            JsonArray betas = optimizer.getAsJsonArray("betas");
            args.addAll(
                    List.of(
                            "--adam-beta1", betas.get(0).getAsString(),
                            "--adam-beta2", betas.get(1).getAsString(),
                            "--adam-epsilon", optimizer.get("eps").getAsString()));
        }
        if (optimizer.has("momentum")) {
            args.addAll(List.of("--momentum", optimizer.get("momentum").getAsString()));
        }
        JsonObject schedule = json.getAsJsonObject("schedule");
        args.addAll(List.of("--lr-scheduler-type", schedule(schedule.get("class"))));
        if (schedule.has("num_warmup_steps")) {
            args.addAll(List.of("--warmup-steps", schedule.get("num_warmup_steps").getAsString()));
        }
        JsonElement clip = json.get("clip_grad_norm");
        args.addAll(
                List.of(
                        "--max-grad-norm",
                        clip.isJsonNull()
                                ? "0"
                                : clip.getAsJsonObject().get("max_norm").getAsString()));
        return args;
    }

    /** transformers' schedule function ({@code null}: a constant rate) as --lr-scheduler-type. */
    private static String schedule(JsonElement function) {
        if (function.isJsonNull()) {
            return "constant";
        }
        String name = function.getAsString();
        // get_constant_schedule[_with_warmup] -> constant[_with_warmup];
        // get_linear_schedule_with_warmup
        // -> linear (the linear and cosine schedules always have a warmup).
        name =
                name.substring(name.lastIndexOf('.') + 1)
                        .replace("get_", "")
                        .replace("_schedule", "");
        return name.startsWith("constant") ? name : name.replace("_with_warmup", "");
    }

    /** A copy of the model fixture whose config.json has the case's dropout overrides. */
    private static Path modelWithOverrides(Path caseDir, JsonObject json, Path dir)
            throws IOException {
        Path source =
                caseDir.resolve("../..")
                        .resolve(json.get("model_fixture").getAsString())
                        .normalize();
        Files.createDirectories(dir);
        JsonObject config = read(source.resolve("config.json"));
        json.getAsJsonObject("config_overrides").entrySet().stream()
                .filter(e -> !e.getKey().equals("note"))
                .forEach(e -> config.add(e.getKey(), e.getValue()));
        Files.writeString(dir.resolve("config.json"), config.toString(), StandardCharsets.UTF_8);
        Files.copy(source.resolve("model.safetensors"), dir.resolve("model.safetensors"));
        return dir;
    }

    /** The batches the case used, one JSONL row per batch row, in order. */
    private static Path batchesAsRows(Path caseDir, JsonObject json, Path file) throws IOException {
        JsonArray batches = read(caseDir.resolve("batches.json")).getAsJsonArray("batches");
        int used = json.get("batches_used").getAsInt();
        StringBuilder rows = new StringBuilder();
        for (int b = 0; b < used; b++) {
            JsonObject batch = batches.get(b).getAsJsonObject();
            JsonArray ids = batch.getAsJsonArray("input_ids");
            for (int r = 0; r < ids.size(); r++) {
                JsonObject row = new JsonObject();
                row.add("input_ids", ids.get(r));
                row.add("attention_mask", batch.getAsJsonArray("attention_mask").get(r));
                row.add("labels", batch.getAsJsonArray("labels").get(r));
                rows.append(row).append('\n');
            }
        }
        Files.writeString(file, rows, StandardCharsets.UTF_8);
        return file;
    }

    private static List<JsonObject> stepLines(Path log) throws IOException {
        List<JsonObject> steps = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            if (o.has("grad_norm")) {
                steps.add(o);
            }
        }
        return steps;
    }

    private static void close(double want, double got, String what) {
        double rel = Math.abs(got - want) / Math.max(Math.abs(want), 1e-12);
        assertTrue(
                rel <= REL,
                what + ": " + got + " vs PyTorch's " + want + " (relative " + rel + ")");
    }

    private static JsonObject read(Path file) throws IOException {
        return new Gson()
                .fromJson(Files.readString(file, StandardCharsets.UTF_8), JsonObject.class);
    }
}
