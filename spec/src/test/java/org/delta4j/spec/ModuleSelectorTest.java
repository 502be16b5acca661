package org.delta4j.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleSelectorTest {
    private static final List<String> PATHS =
            List.of(
                    "",
                    "model",
                    "model.encoder.layers.0.self_attn.q_proj",
                    "model.encoder.layers.0.fc1",
                    "model.encoder.layers.0.fc2",
                    "model.decoder.layers.0.fc2",
                    "lm_head",
                    "lm_head_extra");

    @Test
    void selectsInTreeOrderAndHonoursExclusionsAtDotBoundaries() {
        ModuleSelector s =
                new ModuleSelector(
                        List.of("fc2", "[r]lm_head.*"), List.of("lm_head", "model.decoder"));
        assertEquals(
                List.of("model.encoder.layers.0.fc2", "lm_head_extra"),
                s.select(PATHS, "the backbone"));
    }

    @Test
    void patternMatchingNothingNamesItAndTheClosestNames() {
        ModuleSelector s = new ModuleSelector(List.of("fc2", "fc3"), List.of());
        SpecException e = assertThrows(SpecException.class, () -> s.select(PATHS, "BartModel"));
        assertEquals(Problem.UNKNOWN_MODULE, e.problem());
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "[delta4j:unknown-module] Module pattern \"fc3\" matches no module of BartModel."),
                e.getMessage());
        assertTrue(e.getMessage().contains("Did you mean \"fc1\", \"fc2\""), e.getMessage());
    }

    @Test
    void patternOnlyMatchingExcludedModulesIsAnErrorThatSaysSo() {
        ModuleSelector s = new ModuleSelector(List.of("lm_head"), List.of("lm_head"));
        SpecException e = assertThrows(SpecException.class, () -> s.select(PATHS, "m"));
        assertTrue(
                e.getMessage().contains("matches only excluded modules (exclude = [lm_head])"),
                e.getMessage());
    }

    @Test
    void unifiedNamesSelectTheirModules() {
        Map<String, List<String>> aliases =
                Map.of(
                        "model.encoder.layers.0.fc1",
                                List.of("encoder.block.0.ff.w1", "encoder.block.0.ff"),
                        "model.encoder.layers.0.fc2",
                                List.of("encoder.block.0.ff.w2", "encoder.block.0.ff"));
        assertEquals(
                List.of("model.encoder.layers.0.fc1", "model.encoder.layers.0.fc2"),
                new ModuleSelector(List.of("ff"), List.of()).select(PATHS, aliases, "m"));
        assertEquals(
                List.of("model.encoder.layers.0.fc2", "model.decoder.layers.0.fc2"),
                new ModuleSelector(List.of("ff.w2", "fc2"), List.of()).select(PATHS, aliases, "m"));
    }

    @Test
    void suggestionsNeverOfferABareLayerIndex() {
        List<String> paths = List.of("model.layers.3", "model.layers.3.fc1", "model.layers.3.fc2");
        assertEquals(List.of("fc1", "fc2"), NameSuggestions.closest("fc3", paths, 3));
    }

    @Test
    void suggestionsCompareTailsOfTheSameLength() {
        assertEquals(
                List.of("self_attn.q_proj"), NameSuggestions.closest("self_atn.q_proj", PATHS, 1));
    }
}
