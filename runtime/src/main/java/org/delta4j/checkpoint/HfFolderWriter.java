package org.delta4j.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.delta.DeltaRegistry;
import org.delta4j.io.AtomicFolder;
import org.delta4j.io.Safetensors;
import org.delta4j.io.UserFiles;
import org.delta4j.tree.ModuleTree;

/**
 * Writes a model as a HuggingFace folder that loads anywhere ({@code from_pretrained}, delta4j,
 * other tools): the source folder's {@code config.json} and tokenizer and generation files, copied
 * byte for byte (with the permissions the umask gives, like every file delta4j writes), and {@code
 * model.safetensors} with the model's whole state dict under HF's keys (every parameter and buffer
 * path, tied weights under each of their paths; floats as F32). Atomic: a temporary folder, then a
 * move.
 */
public final class HfFolderWriter {
    /** The files copied from the source folder when present, besides the weights. */
    public static final List<String> COPIED =
            List.of(
                    "config.json",
                    "generation_config.json",
                    "tokenizer.json",
                    "tokenizer_config.json",
                    "special_tokens_map.json",
                    "added_tokens.json",
                    "vocab.txt",
                    "vocab.json",
                    "merges.txt",
                    "spiece.model",
                    "sentencepiece.bpe.model");

    /** The weights file's name. */
    public static final String WEIGHTS = "model.safetensors";

    private HfFolderWriter() {}

    /**
     * @param model a model without deltas (merge and unload them first)
     * @param source the HF folder the model was loaded from, for its config and tokenizer files
     * @param target the folder to write; an existing folder there is replaced whole
     * @throws IOException when reading or writing fails; the target is then as it was
     * @throws IllegalStateException when deltas are attached to the model
     */
    public static void write(Block model, Path source, Path target) throws IOException {
        if (!DeltaRegistry.of(model).deltas().isEmpty()) {
            throw new IllegalStateException(
                    "the model still has deltas attached: merge and unload or detach them "
                            + "before writing it as a plain HF model");
        }
        if (!Files.exists(source.resolve("config.json"))) {
            throw new IOException(source + " has no config.json to copy");
        }
        UserFiles.requireRegular(source.resolve("config.json"));
        Map<String, NDArray> state = new LinkedHashMap<>();
        ModuleTree.of(model).state().forEach((path, p) -> state.put(path, p.getArray()));
        AtomicFolder.write(
                target,
                tmp -> {
                    for (String name : COPIED) {
                        if (Files.exists(source.resolve(name))) {
                            // From a stream, so the copy gets the umask's permissions rather than
                            // the source's.
                            try (InputStream in = UserFiles.openStream(source.resolve(name))) {
                                Files.copy(in, tmp.resolve(name));
                            }
                        }
                    }
                    Safetensors.write(tmp.resolve(WEIGHTS), state, Map.of());
                });
    }
}
