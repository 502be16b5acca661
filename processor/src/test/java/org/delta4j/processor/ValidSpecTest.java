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

/** Valid specs of every shape compile without a single warning, and their wiring lands where users expect it. */
class ValidSpecTest {
    private static String generated(Compilation compilation, String name) throws IOException {
        assertThat(compilation).succeededWithoutWarnings();
        return compilation.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
    }

    @Test
    void canonicalExampleCompilesWithoutWarnings() {
        Compilation compilation = compile(JavaFileObjects.forResource("specs/com/example/BartFfnAdapter.java"));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.BartFfnAdapterDelta");
    }

    @Test
    void everyDeltaKindTogetherOnAnAbstractClass() throws IOException {
        String code = generated(compile(spec(
                "@Backbone(\"facebook/bart-base\")",
                "@Lora(modules = {\"q_proj\", \"v_proj\"}, r = 4, alpha = 32, dropout = 0.1)",
                "@BitFit(modules = \"[r]layers\\\\.[0-2]\\\\.fc1\")",
                "@Adapter(modules = \"decoder.layers.5.fc2\", nonLinearity = \"relu\")",
                "@Freeze(setStateDict = false)",
                "public abstract class Spec {}")), "test.SpecDelta");
        assertThat(code).contains(".add(lora.build())\n                    .add(bitFit.build())\n"
                + "                    .add(adapter.build())\n                    .freeze(freeze.build())");
        assertThat(code).contains("public Builder loraAlpha(double alpha)");
        assertThat(code).contains(".modules(\"[r]layers\\\\.[0-2]\\\\.fc1\")");
        assertThat(code).contains("{@code @Lora(modules = {\"q_proj\", \"v_proj\"}, exclude = \"lm_head\", r = 4, "
                + "alpha = 32.0, dropout = 0.1)}:\n *       modifies 36 modules.");
        assertThat(code).contains("modifies 6 modules.");
        assertThat(code).contains("modifies 1 module.");
    }

    @Test
    void nestedSpecNamesItsWiringAfterTheEnclosingType() {
        Compilation compilation = compile(source("test.Outer",
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
        for (String name : new String[] {"Builder", "Configured", "Tuning", "Block"}) {
            Compilation compilation = compile(source("test." + name,
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
        assertThat(compile(spec(
                "@Backbone(\"facebook/bart-base\")",
                "@Adapter(modules = Spec.TARGET, bottleneck = Spec.SIZE * 2)",
                "class Spec {",
                "    static final String TARGET = \"fc2\";",
                "    static final int SIZE = 8;",
                "}"))).succeededWithoutWarnings();
    }

    @Test
    void patternThatWouldEndAJavadocCommentStaysInsideIt() throws IOException {
        String code = generated(compile(spec(
                "@Backbone(\"facebook/bart-base\")",
                "@Adapter(modules = \"[r]fc[*/2]\")",
                "interface Spec {}")), "test.SpecDelta");
        assertThat(code).contains("{@code @Adapter(modules = \"[r]fc[*&#47;2]\"");
        assertThat(code).contains(".modules(\"[r]fc[*/2]\")");
    }

    @Test
    void structureFileFromTheClasspathReplacesTheCatalogue() throws IOException {
        String code = generated(compile(spec(
                "@Backbone(structure = \"structures/tiny.structure.json\")",
                "@Lora(modules = \"proj\")",
                "interface Spec {}")), "test.SpecDelta");
        assertThat(code).contains("BACKBONE = \"test/tiny\"");
        assertThat(code).contains("modifies 1 module.");
    }

    @Test
    void backboneNameOverridesTheStructureFilesName() throws IOException {
        String code = generated(compile(spec(
                "@Backbone(value = \"my/model\", structure = \"/structures/tiny.structure.json\")",
                "@BitFit(modules = \"body\")",
                "interface Spec {}")), "test.SpecDelta");
        assertThat(code).contains("BACKBONE = \"my/model\"");
    }

    @Test
    void generatedFileIsTheOnlyOutputBesidesClasses() {
        Compilation compilation = compile(spec(
                "@Backbone(\"facebook/bart-base\")",
                "@BitFit(modules = \"encoder\")",
                "interface Spec {}"));
        assertThat(compilation).succeededWithoutWarnings();
        for (JavaFileObject f : compilation.generatedFiles()) {
            assertThat(f.getKind() == JavaFileObject.Kind.CLASS
                    || f.toUri().getPath().endsWith("/test/SpecDelta.java")).isTrue();
        }
        assertThat(compilation).generatedFile(StandardLocation.CLASS_OUTPUT, "test/SpecDelta.class");
    }
}
