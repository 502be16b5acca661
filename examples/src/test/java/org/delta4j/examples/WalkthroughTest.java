package org.delta4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.delta4j.checkpoint.DeltaCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job runs all five steps, learns its task and reloads the delta exactly. */
class WalkthroughTest {
    @TempDir Path tmp;

    @Test
    void runsTheFiveStepsEndToEnd() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path delta = tmp.resolve("delta");
        int status =
                Walkthrough.run(
                        new String[] {"--steps", "200", "--out", delta.toString()},
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        for (int step = 1; step <= 6; step++) {
            assertTrue(
                    text.contains("== Step " + step + ":"), "step " + step + " missing:\n" + text);
        }
        assertTrue(text.contains("└── adapter (AdapterLayer)"), text);
        assertTrue(text.contains("Trainable Ratio: 6704/180016=3.724113%"), text);
        assertTrue(text.contains("identical"), text);
        float after =
                Float.parseFloat(text.replaceAll("(?s).*accuracy after: +([0-9.]+)%.*", "$1"));
        assertTrue(after > 90, "the delta did not learn the task: " + after + "%\n" + text);
        int exact =
                Integer.parseInt(
                        text.replaceAll(
                                "(?s).*\n([0-9]+) of 32 generated sequences are exactly.*", "$1"));
        assertTrue(exact >= 16, "generation does not follow the task:\n" + text);
        assertTrue(Files.exists(delta.resolve(DeltaCheckpoint.WEIGHTS)));
    }

    /**
     * The walkthrough's own main in a fresh JVM (DJL logs its engine's start once per process), its
     * output piped: no ANSI colours and none of DJL's log (on a CPU machine, two GPU-count warnings
     * and the engine's INFO lines). A fixture BART and two steps keep it quick.
     */
    @Test
    void aFirstRunPrintsOnlyTheWalkthroughsOwnOutput() throws Exception {
        Path bart =
                Path.of(
                        System.getProperty("delta4j.fixtures", "absent"),
                        "models",
                        "bart_for_conditional_generation");
        assumeTrue(Files.isDirectory(bart), "no fixture at " + bart + "; skipping");
        ProcessBuilder java =
                new ProcessBuilder(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                Walkthrough.class.getName(),
                                "--model",
                                bart.toString(),
                                "--steps",
                                "2",
                                "--out",
                                tmp.resolve("delta").toString()));
        java.environment().remove("CLICOLOR_FORCE");
        Process process = java.redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the walkthrough did not finish");
        assertEquals(0, process.exitValue(), text);
        assertTrue(text.startsWith("\n== Step 1:") && text.contains("== Step 5:"), text);
        assertFalse(
                text.contains("\u001b"), "ANSI escape in output that is not a terminal:\n" + text);
        assertFalse(
                text.matches("(?s).*(^|\n)\\[[^\\]\n]+\\] [A-Z]+ ai\\.djl\\..*"),
                "DJL's log:\n" + text);
    }

    @Test
    void wrongArgumentsPrintTheUsageAndExitWith2() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, Walkthrough.run(new String[] {"--steps", "zero"}, System.out, e));
        assertEquals(2, Walkthrough.run(new String[] {"--model", tmp.toString()}, System.out, e));
        assertEquals(2, Walkthrough.run(new String[] {"--bogus"}, System.out, e));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("--steps takes a whole number, got \"zero\""), text);
        assertTrue(text.contains("has no config.json"), text);
        assertTrue(text.contains("usage: walkthrough"), text);
    }
}
