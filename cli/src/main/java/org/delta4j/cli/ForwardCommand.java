package org.delta4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.delta4j.io.Safetensors;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.hf.LoadedModel;
import org.delta4j.models.text.TextInputs;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code delta4j forward DIR}: run a model folder in eval mode, optionally with a delta, and save
 * its outputs. With {@code --base}, outputs that only weights the folder lacks compute (a pooler HF
 * saved a masked-LM class without) are left out, and said so, rather than written from random
 * weights.
 */
@Command(
        name = "forward",
        description =
                "Run a HuggingFace model folder in eval mode on named inputs, optionally with a delta (merged "
                        + "or not), and write every named output (last_hidden_state, logits, ...) to a safetensors file.")
final class ForwardCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin private BaseModelOption baseModel;

    @Parameters(
            paramLabel = "DIR",
            description = "A HuggingFace model folder: config.json and model.safetensors.")
    private Path dir;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private PromptInputs inputs;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "FILE",
            description =
                    "The safetensors file to write, one tensor per output name; not a file the command reads, "
                            + "nor an existing file in the model or delta folder.")
    private Path output;

    @Mixin private DeltaOption delta;

    @Override
    public Integer call() throws IOException {
        ModelFolder folder =
                ModelFolder.of(
                        dir,
                        baseModel
                                .enabled()); // before the engine starts: a wrong path fails at once
        delta.check(spec);
        OutputPaths.requireNotModelRunInput(output, dir, inputs.file(), delta.dir());
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList in =
                    readInputs(
                            folder,
                            manager); // before the model loads: a bad inputs file fails fast
            LoadedModel loaded = folder.load(manager);
            Block model = loaded.model();
            delta.applyTo(model);
            Map<String, NDArray> named =
                    named(model.forward(new ParameterStore(manager, false), in, false));
            // Outputs of weights the folder lacks (a pooler HF saved a masked-LM class without)
            // would be random.
            named.keySet().removeAll(loaded.freshOutputs());
            Safetensors.write(output, named, Map.of());
            PrintWriter out = spec.commandLine().getOut();
            named.forEach((name, array) -> out.println(name + " " + array.getShape()));
            if (!loaded.freshOutputs().isEmpty()) {
                out.println(
                        "Left out "
                                + String.join(", ", loaded.freshOutputs())
                                + ": "
                                + dir
                                + " has no weights "
                                + "for it ("
                                + String.join(", ", loaded.freshParameters())
                                + " would be random)");
            }
            out.println("Wrote " + named.size() + " tensors to " + output);
            out.flush();
        }
        return 0;
    }

    private NDList readInputs(ModelFolder folder, NDManager manager) throws IOException {
        if (inputs.file() != null) {
            return ModelInputs.fromJson(manager, inputs.file());
        }
        try (TextInputs tokenizer = TextInputs.open(folder.dir())) {
            return tokenizer.encode(manager, inputs.texts());
        }
    }

    /**
     * The outputs under the names the model gave them, HF's output names; unnamed arrays have none
     * to use.
     */
    private static Map<String, NDArray> named(NDList outputs) {
        Map<String, NDArray> named = new LinkedHashMap<>();
        for (NDArray array : outputs) {
            String name = array.getName();
            if (name != null && !name.isEmpty()) {
                named.put(name, array);
            }
        }
        if (named.isEmpty()) {
            throw new IllegalStateException(
                    outputs.size()
                            + " outputs but none has a name, so there is nothing to "
                            + "write under HF's names");
        }
        return named;
    }
}
