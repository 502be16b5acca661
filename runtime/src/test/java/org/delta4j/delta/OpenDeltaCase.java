package org.delta4j.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.io.Safetensors;
import org.delta4j.models.Fixtures;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.HfModels;
import org.delta4j.nn.ParameterValues;

/**
 * One {@code opendelta/<case>} fixture reproduced: the backbone fixture loaded, the delta attached
 * and frozen as the case says, then every recorded fact compared. Each check is a method, so a test
 * reports what differs.
 */
final class OpenDeltaCase implements AutoCloseable {
    private final Path dir;
    private final JsonObject caseJson;
    private final NDManager manager = NDManager.newBaseManager();
    private final Path backboneDir;
    private final Block backbone;
    private final Tuning tuning;

    OpenDeltaCase(String name, DeltaSpec spec) throws Exception {
        this.dir = Fixtures.openDelta(name);
        this.caseJson = json("case.json").getAsJsonObject();
        this.backboneDir =
                Fixtures.model(
                        caseJson.get("backbone_fixture").getAsString().replace("models/", ""));
        this.backbone = HfModels.load(backboneDir, manager);
        this.tuning =
                TuningSpec.builder()
                        .add(spec)
                        .freeze(FreezeSpec.builder().build())
                        .build()
                        .attach(backbone);
    }

    Tuning tuning() {
        return tuning;
    }

    void assertStatistics() throws Exception {
        JsonObject stats = json("stats.json").getAsJsonObject();
        ParameterStatistics actual = tuning.statistics();
        assertEquals(stats.get("total_parameters").getAsLong(), actual.total(), "total");
        assertEquals(
                stats.get("trainable_parameters").getAsLong(), actual.trainable(), "trainable");
        assertEquals(stats.get("delta_parameters").getAsLong(), actual.delta(), "delta");
    }

    void assertDeltaParameters() throws Exception {
        Map<String, Shape> expected = new LinkedHashMap<>();
        for (JsonElement e : json("delta_params.json").getAsJsonArray()) {
            JsonArray shape = e.getAsJsonObject().get("shape").getAsJsonArray();
            long[] dims = new long[shape.size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = shape.get(i).getAsLong();
            }
            expected.put(e.getAsJsonObject().get("name").getAsString(), new Shape(dims));
        }
        Map<String, Shape> actual = new LinkedHashMap<>();
        tuning.deltaParameters().forEach((path, p) -> actual.put(path, p.getShape()));
        assertEquals(expected, actual);
    }

    void assertStateDictKeys() throws Exception {
        List<String> expected = new ArrayList<>();
        for (String line :
                Files.readAllLines(dir.resolve("state_dict_keys.txt"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                expected.add(line.split(" ")[0]);
            }
        }
        assertEquals(expected, List.copyOf(StateDict.of(backbone).keySet()));
    }

    void assertStructureGraph() throws Exception {
        String expected =
                Files.readString(dir.resolve("structure_graph.txt"), StandardCharsets.UTF_8);
        assertEquals(expected.strip(), tuning.graph().toString().strip());
    }

    void assertLogAndModifiedModules() throws Exception {
        String log = Files.readString(dir.resolve("log.txt"), StandardCharsets.UTF_8);
        for (String line : tuning.statistics().toString().split("\n")) {
            assertTrue(
                    log.contains("] " + line + "\n"), line + " is not in OpenDelta's log:\n" + log);
        }
        List<String> matched = new ArrayList<>();
        json("modified_modules.json")
                .getAsJsonObject()
                .get("matched_module_names")
                .getAsJsonArray()
                .forEach(e -> matched.add(e.getAsString()));
        // OpenDelta records no module name for methods that choose their module themselves (soft
        // prompts).
        if (!matched.stream().allMatch(m -> m.startsWith("<"))) {
            assertEquals(matched, tuning.deltas().get(0).modifiedModules());
        }
    }

    /**
     * Loads OpenDelta's delta values (the floating ones it re-initialised) and compares every
     * output.
     */
    void assertOutputs() throws Exception {
        Map<String, NDArray> expected =
                Safetensors.read(dir.resolve("expected.safetensors"), manager);
        for (Map.Entry<String, Parameter> p : tuning.deltaParameters().entrySet()) {
            NDArray value = expected.get("deltas." + p.getKey());
            if (value != null) {
                ParameterValues.assign(p.getValue(), value);
            }
        }
        NDList inputs = ModelInputs.fromJson(manager, backboneDir.resolve("inputs.json"));
        NDList outputs = backbone.forward(new ParameterStore(manager, false), inputs, false);
        Map<String, Float> diffs = new LinkedHashMap<>();
        for (String name : caseJson.get("outputs").getAsJsonObject().keySet()) {
            diffs.put(
                    name, Fixtures.maxAbsDiff(outputs.get(name), expected.get("outputs." + name)));
        }
        assertTrue(diffs.values().stream().allMatch(d -> d < 1e-5), "max abs differences " + diffs);
    }

    private JsonElement json(String file) throws Exception {
        return JsonParser.parseString(Files.readString(dir.resolve(file), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        manager.close();
    }
}
