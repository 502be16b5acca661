package org.delta4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.delta4j.tree.ConsoleColours;
import org.delta4j.tree.ModuleTree;
import org.delta4j.tree.StructureGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code delta4j inspect DIR}: the structure graph and parameter counts of a model folder. */
@Command(
        name = "inspect",
        description =
                "Load a HuggingFace model folder and print its structure graph (as OpenDelta draws it) and "
                        + "parameter counts.")
final class InspectCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin private BaseModelOption baseModel;

    @Parameters(
            paramLabel = "DIR",
            description = "A HuggingFace model folder: config.json and model.safetensors.")
    private Path dir;

    @Override
    public Integer call() throws IOException {
        ModelFolder folder =
                ModelFolder.of(
                        dir,
                        baseModel
                                .enabled()); // before the engine starts: a wrong path fails at once
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = folder.load(manager).model();
            PrintWriter out = spec.commandLine().getOut();
            out.println(
                    StructureGraph.of(model, ModuleTree.of(model).deltaParameters())
                            .render(ConsoleColours.enabled()));
            out.print(ParameterTable.render(model));
            out.flush();
        }
        return 0;
    }
}
