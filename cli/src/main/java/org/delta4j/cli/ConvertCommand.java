package org.delta4j.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.delta4j.checkpoint.DeltaFolders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code delta4j convert DELTA_DIR --model MODEL_DIR --output OUT_DIR}: delta4j LoRA checkpoint to
 * PEFT and back.
 */
@Command(
        name = "convert",
        description =
                "Turn a delta4j LoRA checkpoint into a PEFT adapter (adapter_config.json, "
                        + "adapter_model.safetensors), or a PEFT LoRA adapter into a delta4j checkpoint. The delta is "
                        + "loaded onto the model it was trained on to check it first.")
final class ConvertCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin private BaseModelOption baseModel;

    @Parameters(
            paramLabel = "DELTA_DIR",
            description = "A delta4j LoRA checkpoint or a PEFT LoRA adapter folder.")
    private Path delta;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "MODEL_DIR",
            description = "The HuggingFace model folder the delta was trained on.")
    private Path model;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "OUT_DIR",
            description =
                    "The folder to write, in the other format; it must not exist yet (or be empty).")
    private Path output;

    @Override
    public Integer call() throws IOException {
        ModelFolder folder = ModelFolder.of(model, baseModel.enabled());
        DeltaFolders.formatOf(delta);
        OutputPaths.requireNotInput(
                "-o/--output",
                output,
                OutputPaths.Input.folder("delta folder", delta),
                OutputPaths.Input.folder("model folder", model));
        OutputFolder.requireNew(output);
        DeltaFolders.Format written;
        try (NDManager manager = NDManager.newBaseManager()) {
            written =
                    DeltaFolders.convert(
                            delta, folder.load(manager).model(), output, model.toString());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(
                "Wrote "
                        + (written == DeltaFolders.Format.PEFT
                                ? "a PEFT adapter"
                                : "a delta4j checkpoint")
                        + " to "
                        + output);
        out.flush();
        return 0;
    }
}
