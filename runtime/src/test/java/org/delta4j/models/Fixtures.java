package org.delta4j.models;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The golden reference fixtures, read in place from {@code -Ddelta4j.fixtures}; tests skip when
 * they are absent.
 */
public final class Fixtures {
    private Fixtures() {}

    /**
     * @param name a case under {@code models/}, such as {@code bart}
     * @return its folder; the calling test is skipped (with the reason) when the fixtures are
     *     absent
     */
    public static Path model(String name) {
        return folder("models", name);
    }

    /**
     * @param name a case under {@code opendelta/}, such as {@code bart_adapter_fc2_b12}
     * @return its folder; the calling test is skipped (with the reason) when the fixtures are
     *     absent
     */
    public static Path openDelta(String name) {
        return folder("opendelta", name);
    }

    /**
     * @param name a case under {@code peft/}, such as {@code bert_lora_query_value_r8}
     * @return its folder; the calling test is skipped (with the reason) when the fixtures are
     *     absent
     */
    public static Path peft(String name) {
        return folder("peft", name);
    }

    /**
     * @return the fixtures' root folder; the calling test is skipped when the fixtures are absent
     */
    public static Path root() {
        String root = System.getProperty("delta4j.fixtures");
        assumeTrue(
                root != null && Files.isDirectory(Path.of(root)),
                "no fixtures (delta4j.fixtures); skipping");
        return Path.of(root);
    }

    private static Path folder(String kind, String name) {
        String root = System.getProperty("delta4j.fixtures");
        assumeTrue(root != null, "delta4j.fixtures is not set; skipping the golden-fixture test");
        Path dir = Path.of(root, kind, name);
        assumeTrue(Files.exists(dir), "no fixture " + dir + " (fixtures absent); skipping");
        return dir;
    }

    /**
     * @param dir a model fixture folder
     * @param section the heading prefix in module_names.txt, such as {@code # named_modules}
     * @return that section's lines, comments and blanks dropped, {@code ''} for the root path
     *     turned into empty
     */
    public static List<String[]> section(Path dir, String section) throws IOException {
        List<String[]> rows = new ArrayList<>();
        boolean inside = false;
        for (String line :
                Files.readAllLines(dir.resolve("module_names.txt"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                inside = line.startsWith(section);
            } else if (inside && !line.isBlank()) {
                String[] cells = line.split(" ", 2);
                if (cells[0].equals("''")) {
                    cells[0] = "";
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    /**
     * @param a an array
     * @param b an array of the same shape
     * @return the largest absolute difference
     */
    public static float maxAbsDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }
}
