package org.delta4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** {@code inspect}: the structure graph and HF's parameter count on every supported fixture. */
class InspectCommandTest {
    private static final Pattern SHAPE = Pattern.compile(" \\[([0-9, ]*)\\] ");

    @TestFactory
    Stream<DynamicTest> printsTheGraphAndTheParameterCount() throws IOException {
        return ModelFixtures.eachSupported(
                dir -> {
                    Cli.Result run = Cli.run("inspect", dir.toString());
                    assertEquals(0, run.exitCode(), run::toString);
                    assertTrue(run.out().startsWith("root\n"), run::toString);
                    // The top-level module that owns the first parameter is drawn (alone or folded
                    // with equal siblings).
                    String top =
                            ModelFixtures.names(dir, "# named_parameters").get(0).split("\\.")[0];
                    assertTrue(run.out().contains("── " + top), () -> top + " missing in\n" + run);
                    assertTrue(
                            run.out().contains("\nParameters: " + hfParameterCount(dir) + "\n"),
                            run::toString);
                    assertTrue(run.out().contains("\n  " + top + " "), run::toString);
                    assertTrue(!run.out().contains("\u001b["), "no ANSI colours off a terminal");
                });
    }

    /**
     * The sum of the shapes in module_names.txt's named_parameters section (HF's count, ties
     * removed).
     */
    private static long hfParameterCount(Path dir) throws IOException {
        long total = 0;
        boolean inside = false;
        for (String line :
                Files.readAllLines(dir.resolve("module_names.txt"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                inside = line.startsWith("# named_parameters");
                continue;
            }
            Matcher shape = SHAPE.matcher(line);
            if (inside && shape.find()) {
                long n = 1;
                for (String d : List.of(shape.group(1).split(","))) {
                    n *= d.isBlank() ? 1 : Long.parseLong(d.trim());
                }
                total += n;
            }
        }
        return total;
    }
}
