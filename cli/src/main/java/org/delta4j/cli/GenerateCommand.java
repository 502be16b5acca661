package org.delta4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.delta4j.generate.GenerationConfig;
import org.delta4j.generate.GenerationResult;
import org.delta4j.generate.Generator;
import org.delta4j.generate.session.ModelKind;
import org.delta4j.models.ModelInputs;
import org.delta4j.models.text.PromptBatch;
import org.delta4j.models.text.TextInputs;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code delta4j generate DIR}: decode with a model folder (GPT-2, BART, T5), optionally with a
 * delta, as transformers' {@code generate} does, with a key/value cache. Writes HF's {@code
 * sequences} (and {@code sequences_scores} for beam search) to a JSON file, or streams the decoded
 * text to standard output.
 */
@Command(
        name = "generate",
        description =
                "Generate with a HuggingFace model folder (GPT-2, BART, T5), optionally with a delta, as "
                        + "transformers' generate does: greedy, beam search or sampling, with a key/value cache. "
                        + "Decoding defaults come from DIR/generation_config.json, else DIR/config.json; each flag "
                        + "given replaces one.")
final class GenerateCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(
            paramLabel = "DIR",
            description = "A HuggingFace model folder: config.json and model.safetensors.")
    private Path dir;

    @ArgGroup(multiplicity = "1")
    private PromptInputs inputs;

    @Mixin private DeltaOption delta;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description =
                    "The JSON file to write: sequences (as HF's generate(...).sequences), sequences_scores "
                            + "for beam search, and texts when the folder has a tokenizer. Without it the "
                            + "decoded text goes to standard output as it is generated.")
    private Path output;

    @Mixin private GenerationOptions generation;

    @Override
    public Integer call() throws IOException {
        delta.check(spec);
        ModelFolder folder = ModelFolder.of(dir, false);
        if (output != null) {
            OutputPaths.requireNotModelRunInput(output, dir, inputs.file(), delta.dir());
        }
        // Before the model loads: wrong flags or a bad inputs file fail fast.
        GenerationConfig config = generation.applyTo(GenerationConfig.fromFolder(dir));
        Map<String, long[][]> fromFile = inputs.file() == null ? null : readInputs(inputs.file());
        try (NDManager manager = NDManager.newBaseManager();
                TextInputs tokenizer = tokenizer()) {
            Block model = folder.load(manager).model();
            delta.applyTo(model);
            Generator generator = Generator.of(model, config);
            ModelKind kind = ModelKind.of(model);
            PromptBatch prompts =
                    fromFile != null
                            ? new PromptBatch(
                                    fromFile.get("input_ids"), fromFile.get("attention_mask"))
                            : tokenizer.prompts(
                                    inputs.texts(), padId(config), kind == ModelKind.DECODER_ONLY);
            PrintWriter out = spec.commandLine().getOut();
            TextStream stream =
                    output == null
                            ? TextStream.of(tokenizer, prompts, kind, config, out)
                            : TextStream.NONE;
            GenerationResult result =
                    generator.generate(
                            prompts.inputIds(), prompts.attentionMask(), stream.listener());
            List<String> texts = tokenizer == null ? null : decode(tokenizer, result);
            if (output != null) {
                GenerationJson.write(output, result, texts);
                if (texts != null) {
                    texts.forEach(out::println);
                }
                out.println("Wrote " + result.sequences().length + " sequences to " + output);
            } else {
                stream.finish(result, texts);
            }
            out.flush();
        }
        return 0;
    }

    /** The folder's tokenizer: needed for {@code --text}, used for printing when present. */
    private TextInputs tokenizer() throws IOException {
        boolean present = Files.exists(dir.resolve(TextInputs.TOKENIZER_FILE));
        return inputs.texts() != null || present ? TextInputs.open(dir) : null;
    }

    /** The id that pads prompts: the tokenizer's pad token, else the generation pad id. */
    private long padId(GenerationConfig config) throws IOException {
        OptionalInt tokenizerPad = TextInputs.padId(dir);
        if (tokenizerPad.isPresent()) {
            return tokenizerPad.getAsInt();
        }
        if (config.padTokenId() == null) {
            throw new IllegalArgumentException(
                    dir
                            + " names no pad token (tokenizer.json, tokenizer_config.json, "
                            + "generation_config.json and config.json have none) to pad the prompts with; "
                            + "pass --pad-token-id");
        }
        return config.padTokenId();
    }

    private static Map<String, long[][]> readInputs(Path file) throws IOException {
        Map<String, long[][]> read = ModelInputs.readJson(file);
        for (String name : read.keySet()) {
            if (!name.equals("input_ids") && !name.equals("attention_mask")) {
                throw new IOException(
                        file
                                + ": generate takes input_ids and attention_mask, not "
                                + name
                                + "; leave it out");
            }
        }
        if (!read.containsKey("input_ids")) {
            throw new IOException(file + " has no input_ids");
        }
        return read;
    }

    private static List<String> decode(TextInputs tokenizer, GenerationResult result) {
        return Arrays.stream(result.sequences()).map(tokenizer::decode).toList();
    }
}
