package org.delta4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.delta4j.io.DeltaCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job runs all five steps, learns its task and reloads the delta exactly. */
class WalkthroughTest {
    @TempDir
    Path tmp;

    @Test
    void runsTheFiveStepsEndToEnd() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path delta = tmp.resolve("delta");
        int status = Walkthrough.run(new String[] {"--steps", "200", "--out", delta.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        for (int step = 1; step <= 5; step++) {
            assertTrue(text.contains("== Step " + step + ":"), "step " + step + " missing:\n" + text);
        }
        assertTrue(text.contains("└── adapter (AdapterLayer)"), text);
        assertTrue(text.contains("Trainable Ratio: 6704/180016=3.724113%"), text);
        assertTrue(text.contains("identical"), text);
        float after = Float.parseFloat(text.replaceAll("(?s).*accuracy after: +([0-9.]+)%.*", "$1"));
        assertTrue(after > 90, "the delta did not learn the task: " + after + "%\n" + text);
        assertTrue(Files.exists(delta.resolve(DeltaCheckpoint.WEIGHTS)));
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
