package org.delta4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.delta4j.processor.Compilations.compile;
import static org.delta4j.processor.Compilations.source;
import static org.delta4j.processor.Compilations.spec;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Valid specs of every shape compile without a single warning, and their wiring lands where users
 * expect it.
 */
class ValidSpecTest {
    private static String generated(Compilation compilation, String name) throws IOException {
        assertThat(compilation).succeededWithoutWarnings();
        return compilation.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
    }

    @Test
    void canonicalExampleCompilesWithoutWarnings() {
        Compilation compilation =
                compile(JavaFileObjects.forResource("specs/com/example/BartFfnAdapter.java"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.BartFfnAdapterDelta");
    }

    @Test
    void everyDeltaKindTogetherOnAnAbstractClass() throws IOException {
        String code =
                generated(
                        compile(
                                spec(
                                        "@Backbone(\"facebook/bart-base\")",
                                        "@Lora(modules = {\"q_proj\", \"v_proj\"}, r = 4, alpha = 32, dropout = 0.1)",
                                        "@BitFit(modules = \"[r]layers\\\\.[0-2]\\\\.fc1\")",
                                        "@Adapter(modules = \"decoder.layers.5.fc2\", nonLinearity = \"relu\")",
                                        "@LowRankAdapter(modules = \"encoder.layers.0.fc2\", reductionFactor = 16, rank = 2)",
                                        "@Compacter(modules = \"encoder.layers.1.fc2\", reductionFactor = 8, hypercomplexDivision = 8)",
                                        "@ParallelAdapter(modules = {\"fc1\", \"fc2\"}, bottleneck = 8, scaled = 2)",
                                        "@Prefix(modules = \"encoder_attn\", prefixTokenNum = 4, reparameterize = false)",
                                        "@SoftPrompt(softTokenNum = 10, tokenInit = false)",
                                        "@Freeze(setStateDict = false)",
                                        "public abstract class Spec {}")),
                        "test.SpecDelta");
        assertThat(code)
                .contains(
                        ".add(lora.build())\n                    .add(bitFit.build())\n"
                                + "                    .add(adapter.build())\n                    .add(lowRankAdapter.build())\n"
                                + "                    .add(compacter.build())\n                    .add(parallelAdapter.build())\n"
                                + "                    .add(prefix.build())\n                    .add(softPrompt.build())\n"
                                + "                    .freeze(freeze.build())");
        assertThat(code).contains("public Builder loraAlpha(double alpha)");
        assertThat(code)
                .contains("public Builder compacterHypercomplexDivision(int hypercomplexDivision)");
        assertThat(code).contains("public Builder softPromptTokenInit(boolean tokenInit)");
        assertThat(code).doesNotContain("softPromptModules");
        assertThat(code).contains(".modules(\"[r]layers\\\\.[0-2]\\\\.fc1\")");
        assertThat(code)
                .contains(
                        "{@code @Lora(modules = {\"q_proj\", \"v_proj\"}, exclude = \"lm_head\", r = 4, "
                                + "alpha = 32.0, dropout = 0.1)}:\n *       LoRA on 36 modules:");
        assertThat(code).contains("BitFit on 6 modules:");
        assertThat(code).contains("Adapter on 1 module:\n *       {@code decoder.layers.5.fc2}.");
        assertThat(code)
                .contains(
                        "ParallelAdapter on 12 pairs:\n *       {@code encoder.layers.0.fc1} to "
                                + "{@code encoder.layers.0.fc2},");
        assertThat(code).contains("Prefix on 6 modules:");
        assertThat(code).contains("SoftPrompt on the encoder, {@code encoder}.");
    }

    @Test
    void repeatedAnnotationsNameTheirSetters() throws IOException {
        String code =
                generated(
                        compile(
                                spec(
                                        "@Backbone(\"facebook/bart-base\")",
                                        "@Lora(name = \"attn\", modules = {\"attn.q\", \"attn.v\"}, r = 8)",
                                        "@Adapter(modules = \"fc2\")",
                                        "@Lora(name = \"ffn\", modules = \"ff.w1\", r = 4)",
                                        "interface Spec {}")),
                        "test.SpecDelta");
        assertThat(code).contains("private final LoraSpec.Builder attn = LoraSpec.builder()");
        assertThat(code).contains("public Builder attnR(int r)");
        assertThat(code).contains("public Builder ffnModules(String... modules)");
        assertThat(code).contains("Sets {@code r} of {@code @Lora(name = \"ffn\")}");
        assertThat(code)
                .contains("{@code @Lora(name = \"attn\", modules = {\"attn.q\", \"attn.v\"}");
        assertThat(code)
                .contains(
                        ".add(attn.build())\n                    .add(ffn.build())\n"
                                + "                    .add(adapter.build())");
        assertThat(code).contains("LoRA on 24 modules:");
        assertThat(code).contains("LoRA on 12 modules:");
    }

    @Test
    void defaultModulesResolveThroughUnifiedNames() throws IOException {
        String code =
                generated(
                        compile(
                                spec(
                                        "@Backbone(\"bert-base-uncased\")",
                                        "@Lora",
                                        "@BitFit",
                                        "@ParallelAdapter",
                                        "@Prefix",
                                        "interface Spec {}")),
                        "test.SpecDelta");
        assertThat(code)
                .contains(
                        "LoRA, OpenDelta's default modules attn.q, attn.v, on 24 modules:\n"
                                + " *       {@code encoder.layer.0.attention.self.query},\n"
                                + " *       {@code encoder.layer.0.attention.self.value},");
        assertThat(code)
                .contains(
                        "ParallelAdapter, OpenDelta's default modules attn, attn, ff.w1, ff.w2, on 24 pairs:");
        assertThat(code).contains("Prefix, OpenDelta's default modules attn, on 12 modules:");
    }

    @Test
    void llamaFamilyBackbonesCompileWithTheirModuleNames() throws IOException {
        String code =
                generated(
                        compile(
                                spec(
                                        "@Backbone(\"Qwen/Qwen2-0.5B\")",
                                        "@Lora(modules = {\"q_proj\", \"k_proj\", \"v_proj\","
                                                + " \"o_proj\", \"gate_proj\", \"up_proj\","
                                                + " \"down_proj\"})",
                                        "interface Spec {}")),
                        "test.SpecDelta");
        assertThat(code).contains("LoRA on 168 modules:");
        assertThat(code).contains("{@code layers.0.self_attn.q_proj},");
        String llama =
                generated(
                        compile(
                                spec(
                                        "@Backbone(\"meta-llama/Meta-Llama-3-8B\")",
                                        "@Lora",
                                        "interface Spec {}")),
                        "test.SpecDelta");
        assertThat(llama)
                .contains(
                        "LoRA, OpenDelta's default modules attn.q, attn.v, on 64 modules:\n"
                                + " *       {@code layers.0.self_attn.q_proj},\n"
                                + " *       {@code layers.0.self_attn.v_proj},");
    }

    @Test
    void everyCatalogueBackboneTakesTheDefaults() {
        for (String backbone :
                new String[] {
                    "facebook/bart-base",
                    "bert-base-uncased",
                    "bert-base-cased",
                    "roberta-base",
                    "distilbert-base-uncased",
                    "meta-llama/Llama-2-7b-hf",
                    "TinyLlama/TinyLlama-1.1B-Chat-v1.0",
                    "mistralai/Mistral-7B-v0.1",
                    "Qwen/Qwen2-0.5B",
                    "Qwen/Qwen2-1.5B",
                    "meta-llama/Meta-Llama-3-8B"
                }) {
            assertThat(
                            compile(
                                    spec(
                                            "@Backbone(\"" + backbone + "\")",
                                            "@Lora @Adapter @BitFit @LowRankAdapter @Compacter @ParallelAdapter @Prefix",
                                            "@Freeze",
                                            "interface Spec {}")))
                    .succeededWithoutWarnings();
        }
    }

    @Test
    void freezeMayKeepALayerTheDeltasAdd() {
        assertThat(
                        compile(
                                spec(
                                        "@Backbone(\"facebook/bart-base\")",
                                        "@Prefix(modules = \"encoder.layers.0\")",
                                        "@Adapter(modules = \"fc2\")",
                                        "@Freeze(exclude = {\"encoder.layers.0.reparams\", \"adapter\", \"shared.weight\"})",
                                        "interface Spec {}")))
                .succeededWithoutWarnings();
    }

    @Test
    void nestedSpecNamesItsWiringAfterTheEnclosingType() {
        Compilation compilation =
                compile(
                        source(
                                "test.Outer",
                                "package test;",
                                "import org.delta4j.annotations.*;",
                                "public class Outer {",
                                "    @Backbone(\"facebook/bart-base\")",
                                "    @BitFit(modules = \"encoder\")",
                                "    static class Spec {}",
                                "    @Backbone(\"facebook/bart-base\")",
                                "    @BitFit(modules = \"decoder\")",
                                "    interface Other {}",
                                "}"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.Outer_SpecDelta");
        assertThat(compilation).generatedSourceFile("test.Outer_OtherDelta");
    }

    @Test
    void specNamedLikeAGeneratedOrImportedTypeStillCompiles() {
        for (String name :
                new String[] {
                    "Builder",
                    "Configured",
                    "Tuning",
                    "Block",
                    "Path",
                    "IOException",
                    "DeltaCheckpoint",
                    "TuningSpec",
                    "LoraSpec"
                }) {
            Compilation compilation =
                    compile(
                            source(
                                    "test." + name,
                                    "package test;",
                                    "import org.delta4j.annotations.*;",
                                    "@Backbone(\"facebook/bart-base\")",
                                    "@BitFit(modules = \"encoder\")",
                                    "interface " + name + " {}"));
            assertThat(compilation).succeededWithoutWarnings();
            assertThat(compilation).generatedSourceFile("test." + name + "Delta");
        }
    }

    @Test
    void constantsMayProvideValues() {
        assertThat(
                        compile(
                                spec(
                                        "@Backbone(\"facebook/bart-base\")",
                                        "@Adapter(modules = Spec.TARGET, bottleneck = Spec.SIZE * 2)",
                                        "class Spec {",
                                        "    static final String TARGET = \"fc2\";",
                                        "    static final int SIZE = 8;",
                                        "}")))
                .succeededWithoutWarnings();
    }

    @Test
    void patternThatWouldEndAJavadocCommentStaysInsideIt() throws IOException {
        String code =
                generated(
                        compile(
                                spec(
                                        "@Backbone(\"facebook/bart-base\")",
                                        "@Adapter(modules = \"[r]fc[*/2]\")",
                                        "interface Spec {}")),
                        "test.SpecDelta");
        assertThat(code).contains("{@code @Adapter(modules = \"[r]fc[*&#47;2]\"");
        assertThat(code).contains(".modules(\"[r]fc[*/2]\")");
    }

    @Test
    void structureFileFromTheClasspathReplacesTheCatalogue() throws IOException {
        String code =
                generated(
                        compile(
                                spec(
                                        "@Backbone(structure = \"structures/tiny.structure.json\")",
                                        "@Lora(modules = \"proj\")",
                                        "interface Spec {}")),
                        "test.SpecDelta");
        assertThat(code).contains("BACKBONE = \"test/tiny\"");
        assertThat(code).contains("LoRA on 1 module:\n *       {@code body.proj}.");
    }

    @Test
    void backboneNameOverridesTheStructureFilesName() throws IOException {
        String code =
                generated(
                        compile(
                                spec(
                                        "@Backbone(value = \"my/model\", structure = \"/structures/tiny.structure.json\")",
                                        "@BitFit(modules = \"body\")",
                                        "interface Spec {}")),
                        "test.SpecDelta");
        assertThat(code).contains("BACKBONE = \"my/model\"");
    }

    @Test
    void generatedFileIsTheOnlyOutputBesidesClasses() {
        Compilation compilation =
                compile(
                        spec(
                                "@Backbone(\"facebook/bart-base\")",
                                "@BitFit(modules = \"encoder\")",
                                "interface Spec {}"));
        assertThat(compilation).succeededWithoutWarnings();
        for (JavaFileObject f : compilation.generatedFiles()) {
            assertThat(
                            f.getKind() == JavaFileObject.Kind.CLASS
                                    || f.toUri().getPath().endsWith("/test/SpecDelta.java"))
                    .isTrue();
        }
        assertThat(compilation)
                .generatedFile(StandardLocation.CLASS_OUTPUT, "test/SpecDelta.class");
    }
}
