package org.delta4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.delta4j.io.AtomicFolder;
import org.delta4j.io.Safetensors;
import org.delta4j.io.Sha256;
import org.delta4j.io.StrictJson;
import org.delta4j.io.UserFiles;

/**
 * A run's folder, from which it can resume: {@value #STATE}/ (written atomically as a whole: the
 * trainable values {@value #VALUES}, the optimizer state {@value #OPTIMIZER} and {@value #RUN}:
 * what identifies the run, where it stands, its best eval loss and the files' SHA-256) and {@value
 * #BEST}-STEP/ (the values with the lowest eval loss, evaluated after that step, as the run's
 * {@link ModelSaver} writes them). The state is the one record of which best folder counts: a new
 * best is written to a folder of its own before the state names it, so a crash between the two
 * writes leaves the recorded best intact, and {@link #pruneBest} removes the others once a state is
 * saved.
 */
public final class RunFolder {
    /** The state sub-folder. */
    public static final String STATE = "state";

    /** The best values' sub-folder. */
    public static final String BEST = "best";

    /** The trainable values, by parameter path. */
    public static final String VALUES = "values.safetensors";

    /** The optimizer state, by the optimizer's names. */
    public static final String OPTIMIZER = "optimizer.safetensors";

    /** The run's description. */
    public static final String RUN = "run.json";

    private static final String FORMAT = "delta4j-run/1";

    private final Path dir;

    /**
     * @param dir the run folder; it need not exist yet
     */
    public RunFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * @return the run folder
     */
    public Path dir() {
        return dir;
    }

    /**
     * @param step the step after which the best values were evaluated
     * @return their folder; it exists once an evaluation after that step improved on the best
     */
    public Path best(int step) {
        return dir.resolve(BEST + "-" + step);
    }

    /**
     * Deletes the best-values folders of every step but {@code keep}: older bests, and a newer one
     * a crash left before the state recorded it.
     *
     * @param keep the step of the best values the state records, or 0 for none
     * @throws IOException when a folder cannot be deleted
     */
    public void pruneBest(int keep) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        String kept = keep > 0 ? best(keep).getFileName().toString() : null;
        try (var entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(BEST + "-") && !name.equals(kept) && Files.isDirectory(p)) {
                    AtomicFolder.deleteTree(p);
                }
            }
        }
    }

    /**
     * What a run folder holds.
     *
     * @param position where the run stands
     * @param bestEvalLoss the lowest eval loss so far, NaN before the first evaluation
     * @param bestStep the step of that loss, 0 before
     * @param values the trainable values by parameter path
     * @param optimizerState the optimizer state by its names
     */
    public record Saved(
            RunPosition position,
            double bestEvalLoss,
            int bestStep,
            Map<String, NDArray> values,
            Map<String, NDArray> optimizerState) {}

    /**
     * Replaces the state with this one, atomically.
     *
     * @param identity what identifies the run
     * @param saved the state
     * @throws IOException when writing fails; the previous state is then kept
     */
    public void save(JsonObject identity, Saved saved) throws IOException {
        AtomicFolder.write(
                dir.resolve(STATE),
                tmp -> {
                    Safetensors.write(tmp.resolve(VALUES), saved.values(), Map.of());
                    Safetensors.write(tmp.resolve(OPTIMIZER), saved.optimizerState(), Map.of());
                    JsonObject run = new JsonObject();
                    run.addProperty("format", FORMAT);
                    run.add("identity", identity);
                    JsonObject position = new JsonObject();
                    position.addProperty("step", saved.position().step());
                    position.addProperty("epoch", saved.position().epoch());
                    position.addProperty("batch", saved.position().batch());
                    run.add("position", position);
                    if (!Double.isNaN(saved.bestEvalLoss())) {
                        run.addProperty("best_eval_loss", saved.bestEvalLoss());
                        run.addProperty("best_step", saved.bestStep());
                    }
                    run.addProperty("values_sha256", Sha256.ofFile(tmp.resolve(VALUES)));
                    run.addProperty("optimizer_sha256", Sha256.ofFile(tmp.resolve(OPTIMIZER)));
                    Files.writeString(tmp.resolve(RUN), run.toString());
                });
    }

    /**
     * Reads the state, after checking that this run wrote it.
     *
     * @param identity what identifies the run resuming
     * @param manager where the arrays go
     * @return the state
     * @throws IOException when the folder has no state or its files are missing or corrupt
     * @throws RunMismatchException when another run wrote it, naming what differs
     */
    public Saved read(JsonObject identity, NDManager manager) throws IOException {
        Path state = dir.resolve(STATE);
        Path runFile = state.resolve(RUN);
        if (!Files.exists(runFile)) {
            throw new IOException(
                    dir
                            + " is no run folder to resume: it has no "
                            + STATE
                            + "/"
                            + RUN
                            + " (a run writes it at its first save; see save_steps)");
        }
        JsonObject run;
        try {
            run = StrictJson.parse(UserFiles.readUtf8(runFile)).getAsJsonObject();
            if (!FORMAT.equals(run.get("format").getAsString())) {
                throw new IOException(
                        runFile + " has format " + run.get("format") + ", expected " + FORMAT);
            }
            requireSameRun(run.getAsJsonObject("identity"), identity);
            JsonObject p = run.getAsJsonObject("position");
            RunPosition position =
                    new RunPosition(
                            p.get("step").getAsInt(),
                            p.get("epoch").getAsInt(),
                            p.get("batch").getAsInt());
            boolean hasBest = run.has("best_eval_loss");
            Path values = checked(state, VALUES, run.get("values_sha256").getAsString());
            Path optimizer = checked(state, OPTIMIZER, run.get("optimizer_sha256").getAsString());
            return new Saved(
                    position,
                    hasBest ? run.get("best_eval_loss").getAsDouble() : Double.NaN,
                    hasBest ? run.get("best_step").getAsInt() : 0,
                    Safetensors.read(values, manager),
                    Safetensors.read(optimizer, manager));
        } catch (JsonParseException | IllegalStateException | NullPointerException e) {
            throw new IOException(
                    runFile + " is not a valid run description: " + e.getMessage(), e);
        }
    }

    private void requireSameRun(JsonObject saved, JsonObject now) {
        Set<String> keys = new TreeSet<>(saved.keySet());
        keys.addAll(now.keySet());
        List<String> differences = new ArrayList<>();
        for (String key : keys) {
            JsonElement was = saved.get(key);
            JsonElement is = now.get(key);
            if (was == null || !was.equals(is)) {
                differences.add(key + " was " + was + ", now " + is);
            }
        }
        if (!differences.isEmpty()) {
            throw new RunMismatchException(
                    dir
                            + " belongs to another run ("
                            + String.join("; ", differences)
                            + "); resume with the arguments, data and trainable parameters it was "
                            + "started with, or start a new run in another folder");
        }
    }

    private static Path checked(Path state, String name, String sha256) throws IOException {
        Path file = state.resolve(name);
        String actual = Sha256.ofFile(UserFiles.requireRegular(file));
        if (!actual.equals(sha256)) {
            throw new IOException(
                    file
                            + " is corrupt: its SHA-256 is "
                            + actual
                            + ", "
                            + RUN
                            + " recorded "
                            + sha256);
        }
        return file;
    }
}
