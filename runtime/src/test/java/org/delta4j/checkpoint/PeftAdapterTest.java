package org.delta4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.io.Safetensors;
import org.delta4j.io.SafetensorsFile;
import org.delta4j.nn.ParameterValues;
import org.delta4j.testing.BackboneState;
import org.delta4j.testing.TinyNet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PEFT adapters on a tiny model: the files and keys written, reloading, and every way a bad adapter
 * is refused.
 */
class PeftAdapterTest {
    @TempDir Path tmp;

    private NDManager manager;
    private NDArray x;
    private Path dir;
    private float[] tuned;

    @BeforeEach
    void setUp() throws IOException {
        manager = NDManager.newBaseManager();
        x = manager.randomNormal(new Shape(2, 5, TinyNet.WIDTH));
        TinyNet trained = TinyNet.seeded(manager, 2);
        Tuning t =
                TuningSpec.builder()
                        .add(LoraSpec.builder().modules("fc1").r(2).alpha(4).build())
                        .build()
                        .attach(trained);
        t.deltaParameters()
                .values()
                .forEach(p -> ParameterValues.assign(p, manager.randomNormal(p.getShape())));
        tuned = TinyNet.output(trained, manager, x);
        dir = tmp.resolve("adapter");
        PeftAdapter.save(t, dir, "tiny");
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void writesPeftsFilesAndKeysAndLoadsBack() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(
                    List.of(PeftAdapter.CONFIG, PeftAdapter.WEIGHTS),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (SafetensorsFile f = Safetensors.open(dir.resolve(PeftAdapter.WEIGHTS))) {
            assertEquals(
                    List.of(
                            "base_model.model.layers.0.fc1.lora_A.weight",
                            "base_model.model.layers.0.fc1.lora_B.weight",
                            "base_model.model.layers.1.fc1.lora_A.weight",
                            "base_model.model.layers.1.fc1.lora_B.weight"),
                    f.names());
            assertEquals(
                    new Shape(2, 8), f.info("base_model.model.layers.0.fc1.lora_A.weight").shape());
            assertEquals(
                    new Shape(16, 2),
                    f.info("base_model.model.layers.0.fc1.lora_B.weight").shape());
            assertEquals(Map.of("format", "pt"), f.metadata());
        }
        JsonObject config = config();
        assertEquals("LORA", config.get("peft_type").getAsString());
        assertEquals("[\"fc1\"]", config.get("target_modules").toString());
        assertEquals("4", config.get("lora_alpha").toString());
        assertEquals(2, config.get("r").getAsInt());
        assertEquals("tiny", config.get("base_model_name_or_path").getAsString());
        assertTrue(config.get("task_type").isJsonNull());
        TinyNet net = TinyNet.seeded(manager, 2);
        PeftAdapter.load(dir, net);
        assertArrayEquals(tuned, TinyNet.output(net, manager, x));
    }

    @Test
    void targetModulesAreTheShortestNamesThatSelectExactlyTheModifiedModules() throws IOException {
        TinyNet net = TinyNet.seeded(manager, 2);
        Tuning t =
                TuningSpec.builder()
                        .add(LoraSpec.builder().modules("layers.0.fc1", "fc2").build())
                        .build()
                        .attach(net);
        Path out = tmp.resolve("subset");
        PeftAdapter.save(t, out);
        JsonObject config =
                JsonParser.parseString(Files.readString(out.resolve(PeftAdapter.CONFIG)))
                        .getAsJsonObject();
        assertEquals("[\"0.fc1\",\"fc2\"]", config.get("target_modules").toString());
        t.detach();
        assertEquals(
                t.deltas().get(0).modifiedModules(),
                PeftAdapter.load(out, net).deltas().get(0).modifiedModules());
    }

    @Test
    void onlyOneLoraDeltaMakesAnAdapter() {
        TinyNet net = TinyNet.seeded(manager, 2);
        Tuning adapter =
                TuningSpec.builder()
                        .add(AdapterSpec.builder().modules("fc2").build())
                        .build()
                        .attach(net);
        assertThrows(
                IllegalArgumentException.class, () -> PeftAdapter.save(adapter, tmp.resolve("a")));
        Tuning two =
                TuningSpec.builder()
                        .add(LoraSpec.builder().modules("fc1").build())
                        .add(LoraSpec.builder().modules("fc2").build())
                        .build()
                        .attach(net);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PeftAdapter.save(two, tmp.resolve("b")));
        assertTrue(e.getMessage().contains("exactly one LoRA delta"), e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("a")) && !Files.exists(tmp.resolve("b")));
    }

    @Test
    void configsDelta4jDoesNotRunAreRefusedByName() throws IOException {
        refusedConfig(c -> c.addProperty("peft_type", "IA3"), "PEFT method IA3 is not supported");
        refusedConfig(c -> c.addProperty("use_dora", true), "DoRA");
        refusedConfig(c -> c.addProperty("use_rslora", true), "rsLoRA");
        refusedConfig(c -> c.addProperty("bias", "all"), "bias \"all\"");
        refusedConfig(
                c -> c.add("rank_pattern", JsonParser.parseString("{\"fc1\": 4}")),
                "per-module ranks");
        refusedConfig(
                c -> c.add("modules_to_save", JsonParser.parseString("[\"haed\"]")),
                "Module pattern \"haed\" matches no module of the backbone (TinyNet, modules to save)");
        refusedConfig(
                c -> c.add("modules_to_save", JsonParser.parseString("[\"fc2\"]")),
                "missing tensors [base_model.model.layers.0.fc2.bias, base_model.model.layers.0.fc2.weight");
        refusedConfig(
                c -> c.add("modules_to_save", JsonParser.parseString("[1]")),
                "\"modules_to_save\" must be a list of module names, or null");
        refusedConfig(
                c -> c.add("layers_to_transform", new JsonPrimitive(0)), "a subset of layers");
        refusedConfig(
                c -> c.addProperty("r", 3),
                "has shape (2, 8), the model expects (3, 8), as lora with arguments "
                        + "{lora_r=3");
        refusedConfig(c -> c.addProperty("r", "two"), "\"r\" must be a positive integer");
        refusedConfig(
                c -> c.add("target_modules", array("fc2")),
                "target_modules selects modules without weights");
        refusedConfig(c -> c.addProperty("target_modules", "[("), "not a valid regular expression");
        refusedConfig(
                c ->
                        c.add(
                                "auto_mapping",
                                JsonParser.parseString("{\"base_model_class\": \"BertModel\"}")),
                "was trained on a BertModel (its auto_mapping says so), not on this TinyNet");
    }

    @Test
    void unknownKeysFromNewerPeftVersionsAreIgnoredAndARegexTargetWorks() throws IOException {
        editConfig(
                c -> {
                    c.addProperty("use_dora", false);
                    c.add("eva_config", JsonParser.parseString("null"));
                    c.addProperty("some_future_field", 1);
                    c.addProperty("target_modules", "layers\\.\\d\\.fc1");
                });
        TinyNet net = TinyNet.seeded(manager, 2);
        PeftAdapter.load(dir, net);
        assertArrayEquals(tuned, TinyNet.output(net, manager, x));
    }

    @Test
    void weightsThatDoNotFitAreRefusedByName() throws IOException {
        refusedWeights(
                w -> w.remove("base_model.model.layers.1.fc1.lora_B.weight"),
                "missing tensors [base_model.model.layers.1.fc1.lora_B.weight]");
        refusedWeights(
                w ->
                        w.put(
                                "base_model.model.layers.0.fc1.lora_embedding_A",
                                manager.zeros(new Shape(2))),
                "no LoRA matrices of a linear layer");
        refusedWeights(
                w -> {
                    w.put(
                            "base_model.model.layers.2.fc1.lora_A.weight",
                            w.remove("base_model.model.layers.1.fc1.lora_A.weight"));
                    w.put(
                            "base_model.model.layers.2.fc1.lora_B.weight",
                            w.remove("base_model.model.layers.1.fc1.lora_B.weight"));
                },
                "it has no modules [layers.2.fc1]");
        refusedWeights(
                w ->
                        w.put(
                                "base_model.model.layers.0.fc1.lora_A.weight",
                                manager.zeros(new Shape(2, 9))),
                "lora_A.weight has shape (2, 9), the model expects (2, 8)");
        Files.delete(dir.resolve(PeftAdapter.WEIGHTS));
        Files.writeString(dir.resolve("adapter_model.bin"), "pickle");
        assertRefused("only adapter_model.bin (a PyTorch pickle");
    }

    @Test
    void everyTruncationOfEitherFileIsRefusedAndChangesNothing() throws IOException {
        for (String name : new String[] {PeftAdapter.WEIGHTS, PeftAdapter.CONFIG}) {
            byte[] original = Files.readAllBytes(dir.resolve(name));
            for (int length = 0; length < original.length; length++) {
                Files.write(dir.resolve(name), Arrays.copyOf(original, length));
                assertRefused("");
            }
            Files.write(dir.resolve(name), original);
        }
    }

    private void refusedConfig(Consumer<JsonObject> edit, String expected) throws IOException {
        byte[] original = Files.readAllBytes(dir.resolve(PeftAdapter.CONFIG));
        editConfig(edit);
        assertRefused(expected);
        Files.write(dir.resolve(PeftAdapter.CONFIG), original);
    }

    private void refusedWeights(Consumer<Map<String, NDArray>> edit, String expected)
            throws IOException {
        Path file = dir.resolve(PeftAdapter.WEIGHTS);
        byte[] original = Files.readAllBytes(file);
        Map<String, NDArray> weights = new LinkedHashMap<>(Safetensors.read(file, manager));
        edit.accept(weights);
        Safetensors.write(file, weights, Map.of());
        assertRefused(expected);
        Files.write(file, original);
    }

    private void assertRefused(String expected) {
        TinyNet net = TinyNet.seeded(manager, 2);
        BackboneState before = BackboneState.of(net, () -> TinyNet.output(net, manager, x));
        IOException e = assertThrows(IOException.class, () -> PeftAdapter.load(dir, net));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toString()), "names the folder: " + e.getMessage());
        before.assertSame(net, () -> TinyNet.output(net, manager, x), e.getMessage());
    }

    private JsonObject config() throws IOException {
        return JsonParser.parseString(Files.readString(dir.resolve(PeftAdapter.CONFIG)))
                .getAsJsonObject();
    }

    private void editConfig(Consumer<JsonObject> edit) throws IOException {
        JsonObject c = config();
        edit.accept(c);
        Files.writeString(dir.resolve(PeftAdapter.CONFIG), c.toString());
    }

    private static JsonArray array(String... items) {
        JsonArray a = new JsonArray();
        for (String i : items) {
            a.add(i);
        }
        return a;
    }
}
