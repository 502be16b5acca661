package org.delta4j.examples;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal; a line every tenth of the way when the output is a file or
 * a pipe.
 */
final class Progress {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final int total;
    private final boolean terminal;
    private final long start = System.nanoTime();

    Progress(PrintStream out, String label, int total) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.terminal = System.console() != null;
    }

    /**
     * @param done steps done so far
     * @param loss the latest loss
     */
    void update(int done, float loss) {
        boolean last = done == total;
        if (!terminal && !last && done % Math.max(1, total / 10) != 0) {
            return;
        }
        int filled = WIDTH * done / total;
        String bar =
                "=".repeat(filled)
                        + (filled < WIDTH ? ">" : "")
                        + " ".repeat(Math.max(0, WIDTH - filled - 1));
        String line =
                String.format(
                        Locale.ROOT,
                        "%s [%s] %d/%d loss %.4f  %.1fs",
                        label,
                        bar,
                        done,
                        total,
                        loss,
                        (System.nanoTime() - start) / 1e9);
        out.print(terminal ? "\r" + line + (last ? "\n" : "") : line + "\n");
        out.flush();
    }
}
