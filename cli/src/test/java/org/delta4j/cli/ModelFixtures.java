package org.delta4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.delta4j.io.Safetensors;
import org.delta4j.models.hf.HfModels;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * The golden model fixtures ({@code -Ddelta4j.fixtures}/models) whose model class the runtime
 * builds, read in place. Tests skip when the fixtures are absent.
 */
final class ModelFixtures {
    private ModelFixtures() {}

    /**
     * @param check what to check on one fixture folder
     * @return one test per supported fixture, named after it; the caller is skipped when there are
     *     none
     */
    static Stream<DynamicTest> eachSupported(ThrowingConsumer<Path> check) throws IOException {
        List<Path> cases = supported();
        assumeTrue(!cases.isEmpty(), "no fixture has a model class the runtime supports; skipping");
        Function<Path, String> name = dir -> dir.getFileName().toString();
        return DynamicTest.stream(cases.stream(), name, check);
    }

    /**
     * @param check run on each {@code generate/} case folder that succeeded in Python and whose
     *     model the runtime supports
     * @return one dynamic test per such case; the caller is skipped when there are none
     */
    static Stream<DynamicTest> eachGenerateCase(ThrowingConsumer<Path> check) throws IOException {
        Path generate = Path.of(root(), "generate");
        assumeTrue(Files.isDirectory(generate), "no fixtures at " + generate + "; skipping");
        List<Path> cases = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(generate)) {
            for (Path dir : (Iterable<Path>) dirs.sorted()::iterator) {
                if (Files.isRegularFile(dir.resolve("case.json"))
                        && caseJson(dir).get("status").getAsString().equals("ok")
                        && isSupported(modelOf(dir))) {
                    cases.add(dir);
                }
            }
        }
        assumeTrue(!cases.isEmpty(), "no generate case has a supported model; skipping");
        return DynamicTest.stream(cases.stream(), dir -> dir.getFileName().toString(), check);
    }

    /**
     * @param generateCase a {@code generate/} case folder
     * @return its model folder ({@code case.json}'s {@code model_fixture})
     */
    static Path modelOf(Path generateCase) throws IOException {
        return Path.of(root()).resolve(caseJson(generateCase).get("model_fixture").getAsString());
    }

    /**
     * @param fixtureCase a case folder
     * @return its {@code case.json}
     */
    static JsonObject caseJson(Path fixtureCase) throws IOException {
        return JsonParser.parseString(
                        Files.readString(fixtureCase.resolve("case.json"), StandardCharsets.UTF_8))
                .getAsJsonObject();
    }

    /**
     * @return the first supported fixture folder; the caller is skipped when there is none
     */
    static Path anySupported() throws IOException {
        List<Path> cases = supported();
        assumeTrue(!cases.isEmpty(), "no fixture has a model class the runtime supports; skipping");
        return cases.get(0);
    }

    /**
     * @param name a case under {@code models/}, such as {@code bert}
     * @return its folder; the caller is skipped when it is absent
     */
    static Path named(String name) {
        Path dir = Path.of(root(), "models", name);
        assumeTrue(Files.isDirectory(dir), "no fixture at " + dir + "; skipping");
        return dir;
    }

    /**
     * @param name a case under {@code peft/}, such as {@code bert_lora_query_value_r8}
     * @return its adapter folder; the caller is skipped when it is absent
     */
    static Path peftAdapter(String name) {
        Path dir = Path.of(root(), "peft", name, "adapter");
        assumeTrue(Files.isDirectory(dir), "no fixture at " + dir + "; skipping");
        return dir;
    }

    /**
     * @return the training cases under {@code train/}, sorted; the caller is skipped when there are
     *     none
     */
    static List<Path> trainCases() throws IOException {
        Path train = Path.of(root(), "train");
        assumeTrue(Files.isDirectory(train), "no fixtures at " + train + "; skipping");
        try (Stream<Path> dirs = Files.list(train)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    /**
     * @param name a case under {@code train/}, such as {@code gpt2_lm_head__lora_adamw}
     * @return its folder; the caller is skipped when it is absent
     */
    static Path trainCase(String name) {
        Path dir = Path.of(root(), "train", name);
        assumeTrue(Files.isDirectory(dir), "no fixture at " + dir + "; skipping");
        return dir;
    }

    /**
     * @param dir a fixture folder
     * @param section a heading prefix of its module_names.txt, such as {@code # named_modules}
     * @return the first cell of each line in that section ({@code ''}, the root's name, as empty)
     */
    static List<String> names(Path dir, String section) throws IOException {
        List<String> names = new ArrayList<>();
        boolean inside = false;
        for (String line :
                Files.readAllLines(dir.resolve("module_names.txt"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                inside = line.startsWith(section);
            } else if (inside && !line.isBlank()) {
                String name = line.split(" ", 2)[0];
                names.add(name.equals("''") ? "" : name);
            }
        }
        return names;
    }

    /**
     * @param a an array
     * @param b an array of the same shape
     * @return the largest absolute difference
     */
    static float maxAbsDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    /**
     * @param expectedFile a safetensors file of expected outputs, by name
     * @param out a safetensors file of outputs the CLI wrote
     * @param tolerance the largest absolute difference allowed
     */
    static void assertOutputsMatch(Path expectedFile, Path out, float tolerance)
            throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> expected = Safetensors.read(expectedFile, manager);
            Map<String, NDArray> actual = Safetensors.read(out, manager);
            expected.forEach(
                    (name, want) -> {
                        float diff = maxAbsDiff(actual.get(name), want);
                        assertTrue(
                                diff <= tolerance,
                                expectedFile + " " + name + " differs by " + diff);
                    });
        }
    }

    private static List<Path> supported() throws IOException {
        Path models = Path.of(root(), "models");
        assumeTrue(Files.isDirectory(models), "no fixtures at " + models + "; skipping");
        List<Path> cases = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(models)) {
            for (Path dir : (Iterable<Path>) dirs.sorted()::iterator) {
                if (isSupported(dir)) {
                    cases.add(dir);
                }
            }
        }
        return cases;
    }

    private static String root() {
        String root = System.getProperty("delta4j.fixtures");
        assumeTrue(root != null, "delta4j.fixtures is not set; skipping the golden-fixture test");
        return root;
    }

    /** Supported: the runtime reads the config's model type and builds its first architecture. */
    private static boolean isSupported(Path dir) throws IOException {
        List<String> architectures;
        try {
            architectures = HfModels.readConfig(dir).architectures();
        } catch (IllegalArgumentException unsupportedModelType) {
            return false;
        }
        return !architectures.isEmpty() && HfModels.architectures().contains(architectures.get(0));
    }
}
