package org.delta4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.delta4j.processor.Compilations.compile;
import static org.delta4j.processor.Compilations.source;
import static org.delta4j.processor.Compilations.spec;
import static org.delta4j.processor.ErrorAssertions.assertError;
import static org.delta4j.processor.ErrorAssertions.assertSingleError;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.delta4j.spec.Problem;
import org.junit.jupiter.api.Test;

/**
 * Errors about the spec as a whole: its type, its backbone, its deltas' presence and names, and the
 * processor's own failures; each with its tag, its key text, and the line it points at.
 */
class SpecErrorTest {
    @Test
    void deltaWithoutBackbone() {
        assertSingleError(
                spec("@Adapter(modules = \"fc2\")", "interface Spec {}"),
                Problem.NO_BACKBONE,
                "@Adapter needs a backbone to check its modules against. Add @Backbone",
                "@Adapter");
    }

    @Test
    void unknownBackboneListsTheKnownOnes() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-large\")",
                        "@Adapter(modules = \"fc2\")",
                        "interface Spec {}"),
                Problem.UNKNOWN_BACKBONE,
                "Backbone \"facebook/bart-large\" is not in the structure catalogue. "
                        + "Known backbones: [facebook/bart-base",
                "@Backbone");
    }

    @Test
    void specWithoutDelta() {
        assertSingleError(
                spec("@Backbone(\"facebook/bart-base\")", "@Freeze", "interface Spec {}"),
                Problem.NO_DELTA,
                "test.Spec has no delta: a spec needs at least one delta annotation",
                "interface Spec");
    }

    @Test
    void enumCannotBeASpec() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@BitFit(modules = \"encoder\")",
                        "enum Spec { A }"),
                Problem.SPEC_TYPE,
                "test.Spec cannot be a tuning spec: it is an enum.",
                "enum Spec");
    }

    @Test
    void genericTypeCannotBeASpec() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@BitFit(modules = \"encoder\")",
                        "interface Spec<T> {}"),
                Problem.SPEC_TYPE,
                "test.Spec cannot be a tuning spec: it has type parameters.",
                "interface Spec");
    }

    @Test
    void innerClassCannotBeASpec() {
        JavaFileObject source =
                source(
                        "test.Outer",
                        "package test;",
                        "import org.delta4j.annotations.*;",
                        "class Outer {",
                        "    @Backbone(\"facebook/bart-base\")",
                        "    @BitFit(modules = \"encoder\")",
                        "    class Spec {}",
                        "}");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(
                        Problem.SPEC_TYPE.tag()
                                + " test.Outer.Spec cannot be a tuning spec: it is an "
                                + "inner class; make it static.")
                .inFile(source)
                .onLineContaining("class Spec");
    }

    @Test
    void finalClassCannotBeASpec() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@BitFit(modules = \"encoder\")",
                        "final class Spec {}"),
                Problem.SPEC_TYPE,
                "test.Spec cannot be a tuning spec: it is a final class; a spec only describes, "
                        + "so make it an interface or an abstract class.",
                "final class Spec");
    }

    @Test
    void privateNestedTypeCannotBeASpec() {
        JavaFileObject source =
                source(
                        "test.Outer",
                        "package test;",
                        "import org.delta4j.annotations.*;",
                        "class Outer {",
                        "    @Backbone(\"facebook/bart-base\")",
                        "    @BitFit(modules = \"encoder\")",
                        "    private interface Spec {}",
                        "}");
        assertSingleError(
                source,
                Problem.SPEC_TYPE,
                "test.Outer.Spec cannot be a tuning spec: it is private; the "
                        + "wiring beside it must see it.",
                "private interface Spec");
    }

    @Test
    void recordCannotBeASpec() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@BitFit(modules = \"encoder\")",
                        "record Spec(int x) {}"),
                Problem.SPEC_TYPE,
                "test.Spec cannot be a tuning spec: it is a record.",
                "record Spec");
    }

    @Test
    void repeatedDeltasNeedNames() {
        JavaFileObject source =
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Lora(name = \"attn\", modules = \"q_proj\")",
                        "@Lora(modules = \"fc1\", r = 4)",
                        "interface Spec {}");
        assertSingleError(
                source,
                Problem.MISSING_NAME,
                "@Lora is written 2 times, so each needs a name, such as "
                        + "name = \"lora2\": the name prefixes the delta's setters in the generated builder.",
                "@Lora(modules = \"fc1\", r = 4)");
    }

    @Test
    void twoDeltasWithOneName() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Adapter(name = \"ffn\", modules = \"fc2\")",
                        "@Adapter(modules = \"self_attn\",",
                        "         name = \"ffn\")",
                        "interface Spec {}"),
                Problem.DUPLICATE_NAME,
                "name = \"ffn\" is taken by @Adapter(name = \"ffn\"). Give every delta its "
                        + "own name",
                "name = \"ffn\")");
    }

    @Test
    void nameThatAnotherDeltasSettersUse() {
        assertSingleError(
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Lora(name = \"adapter\", modules = \"q_proj\")",
                        "@Adapter(modules = \"fc2\")",
                        "interface Spec {}"),
                Problem.DUPLICATE_NAME,
                "name = \"adapter\" is taken by @Adapter.",
                "@Lora");
    }

    @Test
    void errorsInsideRepeatedAnnotationsPointAtTheirValues() {
        JavaFileObject source =
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Lora(name = \"attn\",",
                        "      modules = {\"q_proj\", \"v_prj\"},",
                        "      r = 8)",
                        "@Lora(name = \"ffn\",",
                        "      modules = \"fc1\",",
                        "      dropout = 1.5)",
                        "interface Spec {}");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorCount(2);
        assertError(
                compilation,
                source,
                Problem.UNKNOWN_MODULE,
                "Module pattern \"v_prj\" matches no module",
                "\"v_prj\"");
        assertError(
                compilation,
                source,
                Problem.OUT_OF_RANGE,
                "dropout = 1.5 is out of range",
                "dropout = 1.5");
    }

    @Test
    void missingStructureFile() {
        assertSingleError(
                spec(
                        "@Backbone(structure = \"structures/missing.structure.json\")",
                        "@BitFit(modules = \"encoder\")",
                        "interface Spec {}"),
                Problem.BAD_STRUCTURE,
                "Structure \"structures/missing.structure.json\" cannot be read: no such "
                        + "resource on the compile classpath",
                "@Backbone");
    }

    @Test
    void brokenStructureFile() {
        assertSingleError(
                spec(
                        "@Backbone(structure = \"structures/broken.structure.json\")",
                        "@BitFit(modules = \"encoder\")",
                        "interface Spec {}"),
                Problem.BAD_STRUCTURE,
                "Structure \"structures/broken.structure.json\" cannot be read: not valid JSON",
                "@Backbone");
    }

    @Test
    void everyErrorOnATypeIsReportedInOneBuild() {
        JavaFileObject source =
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Adapter(modules = \"fc9\",",
                        "         bottleneck = -1,",
                        "         nonLinearity = \"sigmoid\")",
                        "interface Spec<T> {}");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorCount(4);
        assertThat(compilation)
                .hadErrorContaining(Problem.UNKNOWN_MODULE.tag())
                .inFile(source)
                .onLineContaining("\"fc9\"");
        assertThat(compilation)
                .hadErrorContaining(Problem.OUT_OF_RANGE.tag())
                .inFile(source)
                .onLineContaining("bottleneck = -1");
        assertThat(compilation)
                .hadErrorContaining(Problem.UNKNOWN_CHOICE.tag())
                .inFile(source)
                .onLineContaining("\"sigmoid\"");
        assertThat(compilation)
                .hadErrorContaining(Problem.SPEC_TYPE.tag())
                .inFile(source)
                .onLineContaining("interface Spec");
    }

    @Test
    void failureToWriteIsReportedOnTheSpec() {
        JavaFileObject spec =
                spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@BitFit(modules = \"encoder\")",
                        "interface Spec {}");
        JavaFileObject clash = source("test.SpecDelta", "package test;", "class SpecDelta {}");
        Compilation compilation = compile(spec, clash);
        assertError(
                compilation,
                spec,
                Problem.PROCESSOR_FAILURE,
                "Cannot generate the wiring for test.Spec",
                "interface Spec");
    }
}
