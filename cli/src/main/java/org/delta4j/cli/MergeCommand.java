package org.delta4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.delta4j.checkpoint.DeltaFolders;
import org.delta4j.checkpoint.HfFolderWriter;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.lora.LoraMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code delta4j merge MODEL_DIR --delta DIR --output OUT_DIR}: a plain HF model folder with LoRA
 * merged in.
 */
@Command(
        name = "merge",
        description =
                "Merge a LoRA delta (a delta4j checkpoint or a PEFT adapter) into a HuggingFace model folder's "
                        + "weights and write a plain model folder (config.json, model.safetensors, tokenizer files) that "
                        + "loads anywhere, as PEFT's merge_and_unload and save_pretrained.")
final class MergeCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(
            paramLabel = "MODEL_DIR",
            description = "The HuggingFace model folder the delta was trained on.")
    private Path model;

    @Option(
            names = "--delta",
            required = true,
            paramLabel = "DIR",
            description = "The LoRA delta: a delta4j checkpoint or a PEFT adapter folder.")
    private Path delta;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "OUT_DIR",
            description = "The model folder to write; it must not exist yet (or be empty).")
    private Path output;

    @Override
    public Integer call() throws IOException {
        // Never the base model: the merged folder keeps the source's config.json, which names the
        // full class.
        ModelFolder folder = ModelFolder.of(model, false);
        DeltaFolders.Format format = DeltaFolders.formatOf(delta);
        OutputPaths.requireNotInput(
                "-o/--output",
                output,
                OutputPaths.Input.folder("model folder", model),
                OutputPaths.Input.folder("delta folder", delta));
        OutputFolder.requireNew(output);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block backbone = folder.load(manager).model();
            Tuning tuning = DeltaFolders.load(delta, backbone);
            LoraMerge.mergeAndUnload(tuning);
            HfFolderWriter.write(backbone, model, output);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(
                "Merged the "
                        + format
                        + " delta "
                        + delta
                        + " into "
                        + model
                        + "; wrote "
                        + output);
        out.flush();
        return 0;
    }
}
