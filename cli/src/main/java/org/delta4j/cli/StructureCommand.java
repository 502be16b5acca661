package org.delta4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.delta4j.tree.StructureExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code delta4j structure DIR}: the structure JSON that {@code @Backbone(structure = ...)} reads.
 */
@Command(
        name = "structure",
        description =
                "Write a model folder's structure (module paths, types, parameter shapes) as JSON, the file "
                        + "@Backbone(structure = ...) reads. Only config.json is read: no weights are loaded.")
final class StructureCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin private BaseModelOption baseModel;

    @Parameters(
            paramLabel = "DIR",
            description = "A HuggingFace model folder (only its config.json is needed).")
    private Path dir;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description =
                    "The model's name in the JSON, such as facebook/bart-base (default: the folder's name).")
    private String name;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description =
                    "Where to write the JSON (default: standard output); not the folder's config.json.")
    private Path output;

    @Override
    public Integer call() throws IOException {
        ModelFolder folder = ModelFolder.of(dir, baseModel.enabled());
        if (output != null) {
            // Only config.json is read: a new file beside it in the model folder is fine.
            OutputPaths.requireNotInput(
                    "-o/--output",
                    output,
                    OutputPaths.Input.file("model config", folder.dir().resolve("config.json")));
        }
        String json =
                StructureExport.of(folder.build(), name != null ? name : folder.name()).toJson();
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(json);
            out.flush();
        } else {
            Files.writeString(output, json, StandardCharsets.UTF_8);
        }
        return 0;
    }
}
