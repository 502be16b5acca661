package org.delta4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.delta4j.processor.ErrorAssertions.assertError;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.delta4j.spec.Problem;
import org.delta4j.tree.StructureExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own DJL model, outside the catalogue: the runtime exports its structure, the file goes
 * on the compile classpath, and specs are checked against it through the filer.
 */
class UserStructureTest {
    @TempDir Path resources;

    private Compilation compile(JavaFileObject source) throws IOException {
        SequentialBlock model =
                new SequentialBlock()
                        .add(Linear.builder().setUnits(16).build())
                        .add(Activation.reluBlock())
                        .add(Linear.builder().setUnits(4).build());
        try (NDManager manager = NDManager.newBaseManager()) {
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 8));
            Files.writeString(
                    resources.resolve("my-model.structure.json"),
                    StructureExport.of(model, "my/model").toJson(),
                    StandardCharsets.UTF_8);
        }
        List<File> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classpath.add(new File(entry));
        }
        classpath.add(resources.toFile());
        return Compiler.javac()
                .withProcessors(new DeltaSpecProcessor())
                .withClasspath(classpath)
                .compile(source);
    }

    @Test
    void specsAreCheckedAgainstAnExportedDjlModel() throws IOException {
        Compilation compilation =
                compile(
                        Compilations.spec(
                                "@Backbone(structure = \"my-model.structure.json\")",
                                "@Lora(modules = {\"0\", \"2\"}, r = 2)",
                                "interface Spec {}"));
        assertThat(compilation).succeededWithoutWarnings();
        String code =
                compilation
                        .generatedSourceFile("test.SpecDelta")
                        .orElseThrow()
                        .getCharContent(true)
                        .toString();
        assertThat(code).contains("BACKBONE = \"my/model\"");
        assertThat(code).contains("LoRA on 2 modules:");
    }

    @Test
    void aPatternMatchingNothingListsSomeModulesWhenNoneIsClose() throws IOException {
        JavaFileObject source =
                Compilations.spec(
                        "@Backbone(structure = \"my-model.structure.json\")",
                        "@Lora(modules = \"fc\")",
                        "interface Spec {}");
        assertError(
                compile(source),
                source,
                Problem.UNKNOWN_MODULE,
                "Module pattern \"fc\" matches no module of "
                        + "my/model. The backbone's modules include \"0\", \"1\" and \"2\".",
                "@Lora");
    }

    @Test
    void aModuleTheMethodCannotModifyFailsTheBuild() throws IOException {
        JavaFileObject source =
                Compilations.spec(
                        "@Backbone(structure = \"my-model.structure.json\")",
                        "@Lora(modules = \"1\")",
                        "interface Spec {}");
        Compilation compilation = compile(source);
        assertThat(compilation).hadErrorCount(1);
        assertError(
                compilation,
                source,
                Problem.UNSUPPORTED_MODULE,
                "@Lora cannot modify module \"1\" of type "
                        + "LambdaBlock: LoRA modifies linear layers only, and it has none inside.",
                "@Lora");
    }
}
