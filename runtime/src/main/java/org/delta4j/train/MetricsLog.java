package org.delta4j.train;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes one JSON object a line: per optimizer step {@code step} (from 1), {@code loss}, {@code
 * grad_norm}, {@code learning_rate} and {@code epoch}; per evaluation {@code step}, {@code
 * eval_loss}, {@code eval_accuracy} (left out for regression) and {@code epoch}. Each line is
 * flushed when written, so the log is readable while the run goes on. Close it after training.
 */
public final class MetricsLog implements TrainingListener, AutoCloseable {
    private final Writer out;

    private MetricsLog(Writer out) {
        this.out = out;
    }

    /**
     * @param file the log; an existing file is replaced
     * @return the log
     * @throws IOException when the file cannot be created
     */
    public static MetricsLog create(Path file) throws IOException {
        return new MetricsLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    /**
     * @param file the log of a run being resumed; created when absent
     * @return the log, adding lines after those already there
     * @throws IOException when the file cannot be opened
     */
    public static MetricsLog append(Path file) throws IOException {
        return new MetricsLog(
                Files.newBufferedWriter(
                        file,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND));
    }

    @Override
    public void onStep(StepMetrics m) {
        JsonObject line = new JsonObject();
        line.addProperty("step", m.step());
        line.addProperty("loss", m.loss());
        line.addProperty("grad_norm", m.gradNorm());
        line.addProperty("learning_rate", m.learningRate());
        line.addProperty("epoch", m.epoch());
        write(line);
    }

    @Override
    public void onEvaluation(EvalMetrics m) {
        JsonObject line = new JsonObject();
        line.addProperty("step", m.step());
        line.addProperty("eval_loss", m.evalLoss());
        if (!Double.isNaN(m.evalAccuracy())) {
            line.addProperty("eval_accuracy", m.evalAccuracy());
        }
        line.addProperty("epoch", m.epoch());
        write(line);
    }

    private void write(JsonObject line) {
        try {
            out.write(line.toString());
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the metrics log: " + e.getMessage(), e);
        }
    }

    /**
     * @throws IOException when the last flush fails
     */
    @Override
    public void close() throws IOException {
        out.close();
    }
}
