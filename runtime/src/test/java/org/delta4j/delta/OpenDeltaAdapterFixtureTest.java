package org.delta4j.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.io.Safetensors;
import org.delta4j.models.Fixtures;
import org.delta4j.models.HfModels;
import org.delta4j.models.ModelInputs;
import org.delta4j.nn.ParameterValues;
import org.delta4j.tree.StructureGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenDelta's {@code AdapterModel(modified_modules=["fc2"], bottleneck_dim=12)} on the BART fixture, reproduced:
 * counts, names, shapes, state-dict keys, the structure graph and log, and outputs with OpenDelta's delta values.
 */
class OpenDeltaAdapterFixtureTest {
    private static final String CASE = "bart_adapter_fc2_b12";

    private NDManager manager;
    private Path dir;
    private Block backbone;
    private Tuning tuning;

    @BeforeEach
    void attach() throws Exception {
        dir = Fixtures.openDelta(CASE);
        manager = NDManager.newBaseManager();
        backbone = HfModels.load(Fixtures.model("bart_for_conditional_generation"), manager);
        tuning = TuningSpec.builder()
                .add(AdapterSpec.builder().modules("fc2").bottleneck(12).build())
                .freeze(FreezeSpec.builder().exclude("deltas").setStateDict(true).build())
                .build()
                .attach(backbone);
    }

    @AfterEach
    void close() {
        if (manager != null) {
            manager.close();
        }
    }

    @Test
    void parameterCountsAreOpenDeltas() {
        ParameterStatistics stats = tuning.statistics();
        assertEquals(46500, stats.total());
        assertEquals(3248, stats.trainable());
        assertEquals(3248, stats.delta());
    }

    @Test
    void deltaParameterNamesAndShapesAreOpenDeltas() throws Exception {
        JsonArray expected = json("delta_params.json").getAsJsonArray();
        Map<String, Parameter> actual = tuning.deltaParameters();
        List<String> names = new ArrayList<>();
        for (JsonElement e : expected) {
            String name = e.getAsJsonObject().get("name").getAsString();
            names.add(name);
            JsonArray shape = e.getAsJsonObject().get("shape").getAsJsonArray();
            long[] dims = new long[shape.size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = shape.get(i).getAsLong();
            }
            assertTrue(actual.containsKey(name), name);
            assertEquals(new ai.djl.ndarray.types.Shape(dims), actual.get(name).getShape(), name);
        }
        assertEquals(names, List.copyOf(actual.keySet()));
        assertEquals(json("modified_modules.json").getAsJsonObject().get("matched_module_names").getAsJsonArray()
                .toString(), gsonList(tuning.deltas().get(0).modifiedModules()));
    }

    @Test
    void stateDictKeysAfterSetStateDictAreOpenDeltas() throws Exception {
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("state_dict_keys.txt"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                expected.add(line.split(" ")[0]);
            }
        }
        assertEquals(expected, List.copyOf(StateDict.of(backbone).keySet()));
    }

    @Test
    void structureGraphAndLogAreOpenDeltasText() throws Exception {
        String graph = Files.readString(dir.resolve("structure_graph.txt"), StandardCharsets.UTF_8);
        assertEquals(graph.strip(), tuning.graph().toString().strip());
        String log = Files.readString(dir.resolve("log.txt"), StandardCharsets.UTF_8);
        for (String line : tuning.statistics().toString().split("\n")) {
            assertTrue(log.contains("] " + line + "\n"), line + " not in OpenDelta's log:\n" + log);
        }
    }

    @Test
    void plainBackboneGraphIsOpenDeltas() throws Exception {
        tuning.detach();
        Path expected = dir.getParent().resolve("_backbone_graphs").resolve("bart_for_conditional_generation.txt");
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8).strip(),
                StructureGraph.of(backbone, Set.of()).toString().strip());
    }

    @Test
    void outputsWithOpenDeltasValuesMatchWithin1e5() throws Exception {
        Map<String, NDArray> expected = Safetensors.read(dir.resolve("expected.safetensors"), manager);
        tuning.deltaParameters().forEach((path, p) -> ParameterValues.assign(p, expected.get("deltas." + path)));
        NDList inputs = ModelInputs.fromJson(manager, Fixtures.model("bart_for_conditional_generation")
                .resolve("inputs.json"));
        NDList outputs = backbone.forward(new ParameterStore(manager, false), inputs, false);
        for (String name : List.of("logits", "encoder_last_hidden_state", "last_hidden_state")) {
            float diff = Fixtures.maxAbsDiff(outputs.get(name), expected.get("outputs." + name));
            assertTrue(diff < 1e-5, name + " differs by " + diff);
        }
    }

    private JsonElement json(String file) throws Exception {
        return JsonParser.parseString(Files.readString(dir.resolve(file), StandardCharsets.UTF_8));
    }

    private static String gsonList(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a.toString();
    }
}
