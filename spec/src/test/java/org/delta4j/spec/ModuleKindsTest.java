package org.delta4j.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ModuleKindsTest {
    private final ModelStructure s = Structures.tiny();

    @Test
    void linearLayersByType() {
        assertTrue(ModuleKinds.isLinear(s.module("encoder.layers.0.fc1")));
        assertTrue(ModuleKinds.isLinear(new ModelStructure.Module("c", "Conv1D", Map.of())));
        assertFalse(ModuleKinds.isLinear(s.module("encoder.layers.0.self_attn")));
    }

    @Test
    void attentionBlocksAreTheInnermost() {
        assertTrue(ModuleKinds.isAttention(s, s.module("encoder.layers.0.self_attn")));
        assertTrue(ModuleKinds.isAttention(s, s.module("bert.attention.self")));
        assertFalse(
                ModuleKinds.isAttention(s, s.module("bert.attention")),
                "BertAttention wraps the attention");
        assertEquals(
                "bert.attention.self",
                ModuleKinds.attentionOf(s, s.module("bert.attention")).path());
        assertEquals(
                "encoder.layers.0.self_attn",
                ModuleKinds.attentionOf(s, s.module("encoder.layers.0")).path());
        assertNull(
                ModuleKinds.attentionOf(s, s.module("bert")),
                "a layer whose attention is wrapped has none");
    }

    @Test
    void sizesFromTheFileThenFromWeights() {
        assertEquals(OptionalLong.of(8), ModuleKinds.out(s.module("encoder.layers.0")));
        assertEquals(OptionalLong.of(8), ModuleKinds.out(s.module("bert.attention.self.query")));
        assertEquals(
                OptionalLong.of(8),
                ModuleKinds.out(s.module("encoder.layers.0.self_attn_layer_norm")));
        assertEquals(
                OptionalLong.of(8),
                ModuleKinds.in(s.module("encoder.layers.0.self_attn_layer_norm")));
        assertEquals(OptionalLong.empty(), ModuleKinds.out(s.module("dropout")));
    }
}
