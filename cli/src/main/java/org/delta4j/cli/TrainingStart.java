package org.delta4j.cli;

import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import org.delta4j.checkpoint.DeltaFolders;
import org.delta4j.checkpoint.TuningSpecFiles;
import org.delta4j.delta.Tuning;
import org.delta4j.train.ModelSaver;
import picocli.CommandLine.Option;

/**
 * What {@code delta4j train} trains, exactly one of: the deltas of an adapter folder, deltas
 * described by a spec file, or every parameter of the model.
 */
final class TrainingStart {
    @Option(
            names = "--adapter",
            paramLabel = "DIR",
            description =
                    "Train what this adapter folder holds (a PEFT adapter or a delta4j checkpoint); the output is "
                            + "saved in the same format.")
    private Path adapter;

    @Option(
            names = "--spec",
            paramLabel = "SPEC_JSON",
            description =
                    "Attach the deltas this JSON describes (the delta checkpoint's config format: \"deltas\" and "
                            + "\"modulesToSave\") and train them; the output is a delta4j checkpoint.")
    private Path spec;

    @Option(
            names = "--full",
            description = "Train every parameter; the output is a HuggingFace model folder.")
    private boolean full;

    /**
     * @return the inputs this start reads, to keep the output away from them
     */
    OutputPaths.Input[] inputs() {
        if (adapter != null) {
            return new OutputPaths.Input[] {OutputPaths.Input.folder("adapter folder", adapter)};
        }
        if (spec != null) {
            return new OutputPaths.Input[] {OutputPaths.Input.file("spec file", spec)};
        }
        return new OutputPaths.Input[0];
    }

    /**
     * Makes the model ready to train: deltas attached and the rest frozen, or (a loaded model
     * trains whole) nothing frozen.
     *
     * @param model the model loaded from {@code modelDir}
     * @param modelDir its folder (a full fine-tuning output copies its config and tokenizer)
     * @return how to save what trains, and in words what that is
     * @throws IOException when the adapter or spec does not fit the model; the model is then
     *     unchanged
     */
    Prepared prepare(Block model, Path modelDir) throws IOException {
        if (full) {
            return new Prepared(
                    ModelSaver.hfFolder(model, modelDir), "every parameter (a HF model folder)");
        }
        if (spec != null) {
            Tuning tuning = TuningSpecFiles.attach(spec, model);
            return new Prepared(
                    ModelSaver.deltaCheckpoint(tuning),
                    "the deltas of " + spec + " (a delta4j checkpoint)");
        }
        DeltaFolders.Format format = DeltaFolders.formatOf(adapter);
        Tuning tuning = DeltaFolders.loadForTraining(adapter, model);
        ModelSaver saver =
                format == DeltaFolders.Format.PEFT
                        ? ModelSaver.peftAdapter(tuning, modelDir.toString())
                        : ModelSaver.deltaCheckpoint(tuning);
        return new Prepared(saver, "the " + format + " adapter " + adapter);
    }

    /**
     * A model ready to train.
     *
     * @param saver writes what trains, in the start's format
     * @param description what trains, in words
     */
    record Prepared(ModelSaver saver, String description) {}
}
