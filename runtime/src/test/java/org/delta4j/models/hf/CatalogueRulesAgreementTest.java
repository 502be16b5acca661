package org.delta4j.models.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.delta4j.backbone.PrefixableAttention;
import org.delta4j.nn.Features;
import org.delta4j.spec.ModelStructure;
import org.delta4j.spec.ModuleKinds;
import org.delta4j.tree.Module;
import org.delta4j.tree.ModuleTree;
import org.delta4j.tree.StructureExport;
import org.junit.jupiter.api.Test;

/**
 * The compile-time rules on structures ({@link ModuleKinds}, {@link TargetRules}) must say what the
 * runtime says on the live model, for every module of every catalogue model: what is linear, what
 * is an attention block, which sizes are known, and which module each delta method accepts.
 */
class CatalogueRulesAgreementTest {
    @Test
    void moduleKindsAgreeWithTheRuntime() throws IOException {
        for (String name : StructureCatalogue.MODELS.keySet()) {
            Block model = build(name);
            ModelStructure s = StructureExport.of(model, name);
            for (Module m : ModuleTree.of(model).modules()) {
                ModelStructure.Module sm = s.module(m.path());
                String where = name + " " + m;
                assertEquals(Features.isLinear(m.shown()), ModuleKinds.isLinear(sm), where);
                assertEquals(
                        m.shown() instanceof PrefixableAttention,
                        ModuleKinds.isAttention(s, sm),
                        where);
                ModelStructure.Module unsized =
                        new ModelStructure.Module(sm.path(), sm.type(), sm.parameters());
                if (ModuleKinds.out(unsized).isPresent()) {
                    assertEquals(
                            Features.out(m.shown()),
                            ModuleKinds.out(unsized),
                            "weight rule " + where);
                    assertEquals(
                            Features.in(m.shown()),
                            ModuleKinds.in(unsized),
                            "weight rule " + where);
                }
            }
        }
    }

    @Test
    void softPromptsGoOnTheEncoderOfEncoderDecoderModelsAndOnOtherRoots() throws IOException {
        for (String name : StructureCatalogue.MODELS.keySet()) {
            ModelStructure s = StructureExport.of(build(name), name);
            boolean encoderDecoder = name.contains("bart") || name.startsWith("t5");
            assertEquals(encoderDecoder ? "encoder" : "", s.encoder(), name);
        }
    }

    @Test
    void unifiedNamesAreTheAddressingsOnes() throws IOException {
        ModelStructure bert = StructureExport.of(build("bert-base-uncased"), "bert-base-uncased");
        assertEquals(
                List.of("encoder.block.11.attn.q"),
                bert.module("encoder.layer.11.attention.self.query").unified());
        assertEquals(OptionalLong.of(768), bert.module("encoder.layer.0.attention").out());
    }

    private static Block build(String name) throws IOException {
        Path dir =
                Path.of(
                        URIs.of(
                                StructureCatalogue.class.getResource(
                                        "catalogue/" + name.replace("/", "--"))));
        return Architectures.build(StructureCatalogue.MODELS.get(name), HfModels.readConfig(dir));
    }

    /** Checked URI conversion. */
    private static final class URIs {
        static java.net.URI of(java.net.URL url) {
            try {
                return url.toURI();
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
