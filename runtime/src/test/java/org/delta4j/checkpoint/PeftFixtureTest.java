package org.delta4j.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.lora.LoraMerge;
import org.delta4j.io.Safetensors;
import org.delta4j.io.SafetensorsFile;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.HfModels;
import org.delta4j.tree.ModuleTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PEFT's golden LoRA fixtures ({@code peft/<case>}: BERT and GPT-2 from PEFT 0.7.1, Llama and Qwen2
 * from 0.10.0): an adapter trained in Python loads in delta4j and gives PEFT's outputs before the
 * merge, after the merge (and PEFT's merged weights), and after unmerging; a merged folder written
 * by delta4j loads again with the merged outputs; an adapter saved by delta4j, directly or through
 * a delta4j checkpoint, has exactly PEFT's files, keys and bytes. The GPT-2 case (Conv1D, {@code
 * fan_in_fan_out}) runs once delta4j builds {@code GPT2LMHeadModel} and skips until then.
 */
class PeftFixtureTest {
    private static final float TOLERANCE = 1e-5f;

    @TempDir Path tmp;

    private NDManager manager;

    static Stream<String> cases() {
        return Stream.of(
                "bert_lora_query_value_r8",
                "gpt2_lora_c_attn_r8",
                "llama_lora_q_v_r4",
                "qwen2_lora_all_linear_r4");
    }

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    /** A fixture case: its folder, its base model folder, its inputs. */
    private record Case(Path dir, Path model, NDList inputs) {}

    private Case open(String name) throws IOException {
        Path dir = Fixtures.peft(name);
        JsonObject info =
                JsonParser.parseString(Files.readString(dir.resolve("case.json")))
                        .getAsJsonObject();
        String modelClass = info.get("base_class").getAsString();
        assumeTrue(
                HfModels.architectures().contains(modelClass),
                modelClass
                        + " is not built by this runtime yet; skipping the "
                        + name
                        + " PEFT fixture");
        Path model = Fixtures.root().resolve(info.get("base_fixture").getAsString());
        return new Case(dir, model, ModelInputs.fromJson(manager, dir.resolve("inputs.json")));
    }

    private Block load(Case c) throws IOException {
        return HfModels.load(c.model(), manager);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void loadsWithPeftsOutputsBeforeAndAfterTheMerge(String name) throws IOException {
        Case c = open(name);
        Block model = load(c);
        assertOutputs(c, model, "expected_base.safetensors");
        Tuning tuning = PeftAdapter.load(c.dir().resolve("adapter"), model);
        assertOutputs(c, model, "expected_before_merge.safetensors");

        LoraMerge.merge(tuning);
        assertOutputs(c, model, "expected_after_merge.safetensors");
        Map<String, NDArray> merged =
                Safetensors.read(c.dir().resolve("merged_model.safetensors"), manager);
        for (Map.Entry<String, Parameter> e : ModuleTree.of(model).parameters().entrySet()) {
            NDArray want = merged.get(e.getKey());
            assertTrue(
                    want != null || e.getKey().contains(".lora."),
                    "merged_model has no " + e.getKey());
            if (want != null) {
                float diff = Fixtures.maxAbsDiff(e.getValue().getArray(), want);
                assertTrue(
                        diff <= TOLERANCE,
                        e.getKey() + " differs from PEFT's merged weight by " + diff);
            }
        }

        LoraMerge.unmerge(tuning);
        assertOutputs(c, model, "expected_before_merge.safetensors");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void aMergedFolderLoadsAgainWithTheMergedOutputs(String name) throws IOException {
        Case c = open(name);
        Block model = load(c);
        Tuning tuning = PeftAdapter.load(c.dir().resolve("adapter"), model);
        LoraMerge.mergeAndUnload(tuning);
        Path out = tmp.resolve("merged");
        HfFolderWriter.write(model, c.model(), out);
        assertArrayEquals(
                Files.readAllBytes(c.model().resolve("config.json")),
                Files.readAllBytes(out.resolve("config.json")));
        try (SafetensorsFile written = Safetensors.open(out.resolve(HfFolderWriter.WEIGHTS));
                SafetensorsFile original =
                        Safetensors.open(c.model().resolve("model.safetensors"))) {
            assertTrue(
                    written.names().containsAll(original.names()),
                    "every key of the original checkpoint");
            for (String key : original.names()) {
                assertEquals(original.info(key).dtype(), written.info(key).dtype(), key);
            }
        }
        assertOutputs(c, HfModels.load(out, manager), "expected_after_merge.safetensors");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void savesExactlyPeftsFilesKeysAndBytes(String name) throws IOException {
        Case c = open(name);
        Path adapter = c.dir().resolve("adapter");
        Block model = load(c);
        Tuning tuning = PeftAdapter.load(adapter, model);
        Path saved = tmp.resolve("saved");
        PeftAdapter.save(tuning, saved, "fixtures/" + c.dir().getParent().relativize(c.dir()));
        assertSameAdapter(adapter, saved);

        // And through a delta4j checkpoint: PEFT -> delta4j -> PEFT.
        tuning.detach();
        Path checkpoint = tmp.resolve("delta4j");
        Path back = tmp.resolve("back");
        assertEquals(
                DeltaFolders.Format.DELTA4J,
                DeltaFolders.convert(adapter, model, checkpoint, null));
        assertEquals(DeltaFolders.Format.DELTA4J, DeltaFolders.formatOf(checkpoint));
        assertEquals(DeltaFolders.Format.PEFT, DeltaFolders.convert(checkpoint, model, back, null));
        assertSameAdapter(adapter, back);
        assertOutputs(
                c, model, "expected_base.safetensors"); // converting leaves the model as it was
    }

    private void assertSameAdapter(Path peft, Path ours) throws IOException {
        try (Stream<Path> files = Files.list(ours)) {
            assertEquals(
                    List.of(PeftAdapter.CONFIG, PeftAdapter.WEIGHTS),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (SafetensorsFile want = Safetensors.open(peft.resolve(PeftAdapter.WEIGHTS));
                SafetensorsFile got = Safetensors.open(ours.resolve(PeftAdapter.WEIGHTS))) {
            assertEquals(want.names(), got.names());
            assertEquals(want.metadata(), got.metadata());
            for (String key : want.names()) {
                assertEquals(want.info(key).shape(), got.info(key).shape(), key);
                assertArrayEquals(
                        want.read(key, manager).toByteArray(),
                        got.read(key, manager).toByteArray(),
                        key);
            }
        }
        JsonObject want =
                JsonParser.parseString(Files.readString(peft.resolve(PeftAdapter.CONFIG)))
                        .getAsJsonObject();
        JsonObject got =
                JsonParser.parseString(Files.readString(ours.resolve(PeftAdapter.CONFIG)))
                        .getAsJsonObject();
        // delta4j writes PEFT 0.7.1's keys, which every later PEFT reads; 0.10 adds three whose
        // defaults mean the same.
        Map<String, JsonElement> addedIn010 =
                Map.of(
                        "use_rslora", new JsonPrimitive(false),
                        "use_dora", new JsonPrimitive(false),
                        "layer_replication", JsonNull.INSTANCE);
        Set<String> wantKeys = new TreeSet<>(want.keySet());
        addedIn010.forEach(
                (key, value) -> {
                    if (wantKeys.remove(key)) {
                        assertEquals(value, want.get(key), key);
                    }
                });
        assertEquals(wantKeys, new TreeSet<>(got.keySet()));
        for (String key :
                List.of(
                        "peft_type",
                        "r",
                        "lora_alpha",
                        "lora_dropout",
                        "fan_in_fan_out",
                        "bias",
                        "task_type",
                        "modules_to_save")) {
            assertEquals(want.get(key), got.get(key), key);
        }
        // PEFT writes target_modules from a Python set, in its hash order.
        assertEquals(names(want.get("target_modules")), names(got.get("target_modules")));
    }

    private static Set<String> names(JsonElement array) {
        Set<String> out = new TreeSet<>();
        array.getAsJsonArray().forEach(e -> out.add(e.getAsString()));
        return out;
    }

    private void assertOutputs(Case c, Block model, String file) throws IOException {
        NDList out = model.forward(new ParameterStore(manager, false), c.inputs(), false);
        Map<String, NDArray> expected = Safetensors.read(c.dir().resolve(file), manager);
        expected.forEach(
                (key, want) -> {
                    NDArray got = out.get(key);
                    assertTrue(got != null, "no output " + key);
                    float diff = Fixtures.maxAbsDiff(got, want);
                    System.out.printf(
                            "%s %s %s max abs diff %.3g%n", c.dir().getFileName(), file, key, diff);
                    assertTrue(diff <= TOLERANCE, file + " " + key + " differs by " + diff);
                });
    }
}
