package org.delta4j.cli;

import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import org.delta4j.checkpoint.DeltaFolders;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.lora.LoraMerge;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --delta DIR [--merge]}: run a model with a saved delta, merged into the weights or not.
 */
final class DeltaOption {
    @Option(
            names = "--delta",
            paramLabel = "DIR",
            description =
                    "Run with a delta: a delta4j checkpoint or a PEFT adapter folder (told apart by their files).")
    private Path dir;

    @Option(
            names = "--merge",
            description = "Merge the (LoRA) delta into the weights before running.")
    private boolean merge;

    /**
     * @return the delta folder, or null without {@code --delta}
     */
    Path dir() {
        return dir;
    }

    /**
     * Checks the options before anything loads: {@code --merge} needs a delta, and the folder must
     * be one.
     *
     * @param spec the command, for usage errors
     * @throws IOException when the folder is neither a delta4j checkpoint nor a PEFT adapter
     */
    void check(CommandSpec spec) throws IOException {
        if (merge && dir == null) {
            throw new ParameterException(spec.commandLine(), "--merge needs a --delta to merge");
        }
        if (dir != null) {
            DeltaFolders.formatOf(dir);
        }
    }

    /**
     * Attaches the delta, when there is one, and merges it when asked.
     *
     * @param model the loaded model
     * @throws IOException when the delta cannot be read or does not fit the model
     */
    void applyTo(Block model) throws IOException {
        if (dir != null) {
            Tuning tuning = DeltaFolders.load(dir, model);
            if (merge) {
                LoraMerge.merge(tuning);
            }
        }
    }
}
