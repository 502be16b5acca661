package org.delta4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.delta4j.spec.ModelStructure;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code structure}: JSON the compile-time checker reads, listing HF's module paths, from the
 * config alone.
 */
class StructureCommandTest {
    @TempDir Path temp;

    @TestFactory
    Stream<DynamicTest> jsonListsTheFixturesModules() throws IOException {
        return ModelFixtures.eachSupported(
                dir -> {
                    Cli.Result run = Cli.run("structure", dir.toString());
                    assertEquals(0, run.exitCode(), run::toString);
                    ModelStructure structure = ModelStructure.fromJson(run.out());
                    assertEquals(dir.getFileName().toString(), structure.name());
                    assertHfModules(ModelFixtures.names(dir, "# named_modules"), structure.paths());
                });
    }

    @Test
    void nameAndOutputFileAreOptions() throws IOException {
        Path fixture = ModelFixtures.anySupported();
        Path dir = Files.createDirectories(temp.resolve("no-weights"));
        Files.copy(
                fixture.resolve("config.json"),
                dir.resolve("config.json")); // the config is all it reads
        Path file = temp.resolve("structure.json");
        Cli.Result run =
                Cli.run(
                        "structure",
                        dir.toString(),
                        "--name",
                        "org/tiny-model",
                        "--output",
                        file.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.out());
        ModelStructure structure = ModelStructure.fromJson(Files.readString(file));
        assertEquals("org/tiny-model", structure.name());
        assertHfModules(ModelFixtures.names(fixture, "# named_modules"), structure.paths());
    }

    /**
     * Every module PyTorch lists is there, in PyTorch's order. PyTorch lists a module shared by two
     * parents once (T5's {@code shared} is also each stack's {@code embed_tokens}); the structure
     * lists it at each path.
     */
    private static void assertHfModules(java.util.List<String> hf, java.util.List<String> ours) {
        java.util.List<String> kept = new java.util.ArrayList<>(ours);
        kept.retainAll(hf);
        assertEquals(hf, kept);
    }
}
