package org.delta4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bar on a terminal, plain periodic lines elsewhere, and the time left from the pace. */
class ProgressBarTest {
    @Test
    void withoutATerminalItPrintsPlainLinesEveryNStepsAndAtTheLast() {
        String out = run(false);
        assertFalse(out.contains("\u001b"), out);
        assertFalse(out.contains("\r"), out);
        String[] lines = out.split("\n");
        assertEquals(3, lines.length, out);
        assertEquals("step 2/5 loss 0.5000 lr 1.000e-03 ETA 0:00:30", lines[0]);
        assertTrue(lines[2].startsWith("step 5/5"), lines[2]);
    }

    @Test
    void onATerminalItRedrawsOneBarInPlace() {
        String out = run(true);
        assertEquals(5, out.split("\r\u001b\\[K", -1).length - 1, out);
        assertTrue(out.contains("[######........................] 1/5"), out);
        assertTrue(out.endsWith("ETA 0:00:00\n"), out);
    }

    private static String run(boolean terminal) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressBar bar =
                new ProgressBar(
                        new PrintStream(bytes, true, StandardCharsets.UTF_8),
                        terminal,
                        2,
                        now::get);
        bar.onTrainingBegin(1, 5);
        for (int step = 1; step <= 5; step++) {
            now.addAndGet(10_000_000_000L); // 10 s a step
            bar.onStep(new StepMetrics(step, 0.5, 1.0, 1e-3, step / 5.0));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
