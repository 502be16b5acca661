package org.delta4j.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows training progress: on a terminal one bar redrawn in place after every step (steps, loss,
 * learning rate, time left); otherwise a plain line every {@code every} steps and at the last,
 * without control characters, for logs and CI.
 */
public final class ProgressBar implements TrainingListener {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final int every;
    private final LongSupplier nanoClock;
    private int firstStep;
    private int totalSteps;
    private long startNanos;

    /**
     * @param out where to print
     * @param terminal whether {@code out} is a terminal (draw in place) or not (plain lines)
     * @param every steps between plain lines, at least 1
     * @param nanoClock the clock, {@code System::nanoTime} outside tests
     */
    public ProgressBar(PrintStream out, boolean terminal, int every, LongSupplier nanoClock) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be at least 1 step, got " + every);
        }
        this.out = out;
        this.terminal = terminal;
        this.every = every;
        this.nanoClock = nanoClock;
    }

    /**
     * @param every steps between plain lines when standard error is not a terminal
     * @return a bar on standard error, drawn in place when the process has a console
     */
    public static ProgressBar onStandardError(int every) {
        return new ProgressBar(System.err, System.console() != null, every, System::nanoTime);
    }

    @Override
    public void onTrainingBegin(int firstStep, int totalSteps) {
        this.firstStep = firstStep;
        this.totalSteps = totalSteps;
        this.startNanos = nanoClock.getAsLong();
    }

    @Override
    public void onStep(StepMetrics m) {
        String status =
                String.format(
                        Locale.ROOT,
                        "%d/%d loss %.4f lr %.3e ETA %s",
                        m.step(),
                        totalSteps,
                        m.loss(),
                        m.learningRate(),
                        eta(m.step()));
        if (terminal) {
            // Carriage return and erase-line redraw the bar in place.
            out.print("\r\u001b[K" + bar(m.step()) + " " + status);
            if (m.step() == totalSteps) {
                out.println();
            }
            out.flush();
        } else if (m.step() % every == 0 || m.step() == totalSteps) {
            out.println("step " + status);
        }
    }

    @Override
    public void onEvaluation(EvalMetrics m) {
        String line =
                String.format(
                        Locale.ROOT,
                        "eval at step %d: loss %.4f accuracy %.4f",
                        m.step(),
                        m.evalLoss(),
                        m.evalAccuracy());
        out.println(terminal ? "\r\u001b[K" + line : line);
    }

    private String bar(int step) {
        int filled = (int) ((long) WIDTH * step / Math.max(1, totalSteps));
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
    }

    private String eta(int step) {
        int done = step - firstStep + 1;
        long elapsed = nanoClock.getAsLong() - startNanos;
        long seconds = done <= 0 ? 0 : elapsed / done * (totalSteps - step) / 1_000_000_000L;
        return String.format(
                Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
