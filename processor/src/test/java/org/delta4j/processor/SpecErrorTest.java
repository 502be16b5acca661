package org.delta4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.delta4j.processor.Compilations.compile;
import static org.delta4j.processor.Compilations.source;
import static org.delta4j.processor.Compilations.spec;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.delta4j.spec.Problem;
import org.junit.jupiter.api.Test;

/** One test per compile error: its tag, its key text, and the line it points at. */
class SpecErrorTest {
    private static void assertSingleError(JavaFileObject source, Problem problem, String text, String line) {
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining(problem.tag() + " " + text).inFile(source).onLineContaining(line);
    }

    @Test
    void bottleneckBelowOne() {
        assertSingleError(spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Adapter(modules = \"fc2\", bottleneck = 0)",
                        "interface Spec {}"),
                Problem.OUT_OF_RANGE, "bottleneck = 0 is out of range: expected an integer >= 1", "bottleneck = 0");
    }

    @Test
    void rankBelowOne() {
        assertSingleError(spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Lora(modules = \"q_proj\",",
                        "      r = 0)",
                        "interface Spec {}"),
                Problem.OUT_OF_RANGE, "r = 0 is out of range", "r = 0");
    }

    @Test
    void alphaNotPositive() {
        assertSingleError(spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Lora(modules = \"q_proj\",",
                        "      alpha = 0)",
                        "interface Spec {}"),
                Problem.OUT_OF_RANGE, "alpha = 0.0 is out of range: expected a finite number > 0", "alpha = 0");
    }

    @Test
    void dropoutOutsideZeroToOne() {
        assertSingleError(spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Lora(modules = \"q_proj\",",
                        "      dropout = 1.0)",
                        "interface Spec {}"),
                Problem.OUT_OF_RANGE, "dropout = 1.0 is out of range: expected a probability in [0, 1)",
                "dropout = 1.0");
    }

    @Test
    void unknownNonLinearity() {
        assertSingleError(spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Adapter(modules = \"fc2\",",
                        "         nonLinearity = \"gelu2\")",
                        "interface Spec {}"),
                Problem.UNKNOWN_CHOICE, "nonLinearity = \"gelu2\" is not supported: expected one of [gelu_new,",
                "nonLinearity = \"gelu2\"");
    }

    @Test
    void invalidRegexPointsAtItsArrayElement() {
        assertSingleError(spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Lora(modules = {",
                        "        \"q_proj\",",
                        "        \"[r](v_proj\"})",
                        "interface Spec {}"),
                Problem.INVALID_REGEX, "Module pattern \"[r](v_proj\" is not a valid regular expression",
                "\"[r](v_proj\"");
    }

    @Test
    void emptyPattern() {
        assertSingleError(spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@BitFit(modules = {\"fc1\", \" \"})",
                        "interface Spec {}"),
                Problem.EMPTY_PATTERN, "Module pattern \" \" is empty", "@BitFit");
    }

    @Test
    void patternMatchingNoModuleSuggestsTheClosestNames() {
        assertSingleError(spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Adapter(modules = {",
                        "        \"fc2\",",
                        "        \"fc3\"})",
                        "interface Spec {}"),
                Problem.UNKNOWN_MODULE, "Module pattern \"fc3\" matches no module of facebook/bart-base. "
                        + "Did you mean \"fc1\", \"fc2\"", "\"fc3\"");
    }

    @Test
    void patternMatchingOnlyExcludedModules() {
        assertSingleError(spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Lora(modules = \"encoder.layers.0.fc1\", exclude = \"encoder\")",
                        "interface Spec {}"),
                Problem.UNKNOWN_MODULE, "Module pattern \"encoder.layers.0.fc1\" matches no module",
                "\"encoder.layers.0.fc1\"");
    }

    @Test
    void freezeExcludeWithInvalidRegex() {
        assertSingleError(spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@BitFit(modules = \"encoder\")",
                        "@Freeze(exclude = {\"deltas\", \"[r]layer_norm[\"})",
                        "interface Spec {}"),
                Problem.INVALID_REGEX, "Module pattern \"[r]layer_norm[\" is not a valid regular expression",
                "@Freeze");
    }

    @Test
    void deltaWithoutBackbone() {
        assertSingleError(spec(
                        "@Adapter(modules = \"fc2\")",
                        "interface Spec {}"),
                Problem.NO_BACKBONE, "@Adapter needs a backbone to check its modules against. Add @Backbone",
                "@Adapter");
    }

    @Test
    void unknownBackboneListsTheKnownOnes() {
        assertSingleError(spec(
                        "@Backbone(\"facebook/bart-large\")",
                        "@Adapter(modules = \"fc2\")",
                        "interface Spec {}"),
                Problem.UNKNOWN_BACKBONE, "Backbone \"facebook/bart-large\" is not in the structure catalogue. "
                        + "Known backbones: [facebook/bart-base", "@Backbone");
    }

    @Test
    void deltaWithoutModules() {
        assertSingleError(spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@BitFit",
                        "interface Spec {}"),
                Problem.NO_MODULES, "@BitFit names no modules. Set modules", "@BitFit");
    }

    @Test
    void specWithoutDelta() {
        assertSingleError(spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@Freeze",
                        "interface Spec {}"),
                Problem.NO_DELTA, "test.Spec has no delta: a spec needs at least one delta annotation",
                "interface Spec");
    }

    @Test
    void enumCannotBeASpec() {
        assertSingleError(spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@BitFit(modules = \"encoder\")",
                        "enum Spec { A }"),
                Problem.SPEC_TYPE, "test.Spec cannot be a tuning spec: it is an enum.", "enum Spec");
    }

    @Test
    void genericTypeCannotBeASpec() {
        assertSingleError(spec(
                        "@Backbone(\"facebook/bart-base\")",
                        "@BitFit(modules = \"encoder\")",
                        "interface Spec<T> {}"),
                Problem.SPEC_TYPE, "test.Spec cannot be a tuning spec: it has type parameters.", "interface Spec");
    }

    @Test
    void innerClassCannotBeASpec() {
        JavaFileObject source = source("test.Outer",
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
                .hadErrorContaining(Problem.SPEC_TYPE.tag() + " test.Outer.Spec cannot be a tuning spec: it is an "
                        + "inner class; make it static.")
                .inFile(source)
                .onLineContaining("class Spec");
    }

    @Test
    void missingStructureFile() {
        assertSingleError(spec(
                        "@Backbone(structure = \"structures/missing.structure.json\")",
                        "@BitFit(modules = \"encoder\")",
                        "interface Spec {}"),
                Problem.BAD_STRUCTURE, "Structure \"structures/missing.structure.json\" cannot be read: no such "
                        + "resource on the compile classpath", "@Backbone");
    }

    @Test
    void brokenStructureFile() {
        assertSingleError(spec(
                        "@Backbone(structure = \"structures/broken.structure.json\")",
                        "@BitFit(modules = \"encoder\")",
                        "interface Spec {}"),
                Problem.BAD_STRUCTURE, "Structure \"structures/broken.structure.json\" cannot be read: not valid JSON",
                "@Backbone");
    }

    @Test
    void everyErrorOnATypeIsReportedInOneBuild() {
        JavaFileObject source = spec(
                "@Backbone(\"facebook/bart-base\")",
                "@Adapter(modules = \"fc9\",",
                "         bottleneck = -1,",
                "         nonLinearity = \"sigmoid\")",
                "interface Spec<T> {}");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorCount(4);
        assertThat(compilation).hadErrorContaining(Problem.UNKNOWN_MODULE.tag()).inFile(source)
                .onLineContaining("\"fc9\"");
        assertThat(compilation).hadErrorContaining(Problem.OUT_OF_RANGE.tag()).inFile(source)
                .onLineContaining("bottleneck = -1");
        assertThat(compilation).hadErrorContaining(Problem.UNKNOWN_CHOICE.tag()).inFile(source)
                .onLineContaining("\"sigmoid\"");
        assertThat(compilation).hadErrorContaining(Problem.SPEC_TYPE.tag()).inFile(source)
                .onLineContaining("interface Spec");
    }

    @Test
    void failureToWriteIsReportedOnTheSpec() {
        JavaFileObject spec = spec(
                "@Backbone(\"facebook/bart-base\")",
                "@BitFit(modules = \"encoder\")",
                "interface Spec {}");
        JavaFileObject clash = source("test.SpecDelta", "package test;", "class SpecDelta {}");
        Compilation compilation = compile(spec, clash);
        assertThat(compilation).hadErrorContaining(Problem.PROCESSOR_FAILURE.tag()
                + " Cannot generate the wiring for test.Spec").inFile(spec).onLineContaining("interface Spec");
    }

    @Test
    void unresolvedValuesLeaveTheErrorsToTheCompiler() {
        JavaFileObject source = spec(
                "@Backbone(\"facebook/bart-base\")",
                "@Adapter(modules = {\"fc2\", Missing.MODULE},",
                "         bottleneck = Missing.SIZE,",
                "         nonLinearity = Missing.NAME)",
                "interface Spec {}");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorCount(3);
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(source)
                .onLineContaining("Missing.MODULE");
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(source)
                .onLineContaining("Missing.SIZE");
        assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(source)
                .onLineContaining("Missing.NAME");
    }
}
