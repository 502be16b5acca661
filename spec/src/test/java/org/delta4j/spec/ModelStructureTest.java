package org.delta4j.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The structure JSON: optional fields round-trip, and files without them still read. */
class ModelStructureTest {
    @Test
    void optionalFieldsRoundTrip() {
        ModelStructure back = ModelStructure.fromJson(Structures.tiny().toJson());
        assertEquals("encoder", back.encoder());
        assertEquals(
                List.of("encoder.block.0.attn.q"),
                back.module("encoder.layers.0.self_attn.q_proj").unified());
        assertEquals(OptionalLong.of(30), back.module("encoder.layers.0.fc1").out());
        assertEquals(List.of("encoder.block.0.ff.w1"), back.aliases().get("encoder.layers.0.fc1"));
        assertFalse(back.aliases().containsKey("encoder"));
    }

    @Test
    void absentFieldsAreNotWritten() {
        String json =
                new ModelStructure(
                                "m",
                                "M",
                                List.of(new ModelStructure.Module("", "M", java.util.Map.of())))
                        .toJson();
        assertFalse(
                json.contains("unified")
                        || json.contains("\"in\"")
                        || json.contains("\"out\"")
                        || json.contains("encoder"),
                json);
    }

    @Test
    void filesWithoutTheOptionalFieldsStillRead() {
        ModelStructure s =
                ModelStructure.fromJson(
                        "{\"format\": \"delta4j-structure/1\", \"name\": \"old\", "
                                + "\"modelClass\": \"M\", \"modules\": [{\"path\": \"\", \"type\": \"M\", \"parameters\": {}}, "
                                + "{\"path\": \"fc\", \"type\": \"Linear\", \"parameters\": {\"weight\": [3, 5]}}]}");
        assertNull(s.encoder());
        assertTrue(s.aliases().isEmpty());
        assertEquals(List.of(), s.module("fc").unified());
        assertEquals(OptionalLong.empty(), s.module("fc").out());
        assertEquals(OptionalLong.of(3), ModuleKinds.out(s.module("fc")));
        assertEquals(OptionalLong.of(5), ModuleKinds.in(s.module("fc")));
    }

    @Test
    void nullUnifiedNamesAreRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        ModelStructure.fromJson(
                                "{\"format\": "
                                        + "\"delta4j-structure/1\", \"name\": \"x\", \"modelClass\": \"M\", \"modules\": [{\"path\": \"\", "
                                        + "\"type\": \"M\", \"unified\": [null], \"parameters\": {}}]}"));
    }

    /** Regression: the check compared the format constant with itself, so any file passed it. */
    @Test
    void filesOfAnotherFormatOrNoneAreRejected() {
        String rest =
                "\"name\": \"x\", \"modelClass\": \"M\", \"modules\": [{\"path\": \"\", \"type\": \"M\", "
                        + "\"parameters\": {}}]}";
        for (String json : List.of("{\"format\": \"delta4j-structure/2\", " + rest, "{" + rest)) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class, () -> ModelStructure.fromJson(json));
            assertTrue(
                    e.getMessage().contains("\"format\": \"" + ModelStructure.FORMAT + "\""),
                    e.getMessage());
        }
        assertEquals(
                "x",
                ModelStructure.fromJson("{\"format\": \"" + ModelStructure.FORMAT + "\", " + rest)
                        .name());
    }

    @Test
    void childrenAndDescendantsFollowTheTree() {
        ModelStructure s = Structures.tiny();
        assertEquals(
                List.of("encoder", "bert", "dropout"),
                s.children("").stream().map(ModelStructure.Module::path).toList());
        assertEquals(4, s.descendants("encoder.layers.0.self_attn").size() + 1);
        assertEquals("self_attn", s.module("encoder.layers.0.self_attn").name());
    }

    @Test
    void linearOfAnotherOutputSizeChangesOnlyThatLayer() {
        ModelStructure tiny = Structures.tiny();
        ModelStructure resized = tiny.withLinearOutputs("encoder.layers.0.fc1", 3);
        ModelStructure.Module fc1 = resized.module("encoder.layers.0.fc1");
        assertEquals(OptionalLong.of(3), fc1.out());
        assertEquals(tiny.module("encoder.layers.0.fc1").in(), fc1.in());
        assertEquals(List.of("encoder.block.0.ff.w1"), fc1.unified());
        assertEquals("[3, 8]", java.util.Arrays.toString(fc1.parameters().get("weight")));
        assertEquals("[3]", java.util.Arrays.toString(fc1.parameters().get("bias")));
        // Everything else, the original included, is as it was.
        assertEquals(tiny.toJson(), resized.withLinearOutputs("encoder.layers.0.fc1", 30).toJson());
        assertEquals(OptionalLong.of(30), tiny.module("encoder.layers.0.fc1").out());
        assertThrows(IllegalArgumentException.class, () -> tiny.withLinearOutputs("nothing", 3));
        assertThrows(
                IllegalArgumentException.class,
                () -> tiny.withLinearOutputs("encoder.layers.0.fc1", 0));
    }
}
