package org.delta4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.delta4j.io.UserFiles;
import org.delta4j.models.ModelConfig;
import org.delta4j.models.hf.HfModels;
import org.delta4j.models.hf.LoadedModel;

/**
 * A HuggingFace model folder given to a command, checked up front so that a wrong path is said
 * plainly.
 */
final class ModelFolder {
    private final Path dir;
    private final boolean base;

    private ModelFolder(Path dir, boolean base) {
        this.dir = dir;
        this.base = base;
    }

    /**
     * @param dir a folder path from the command line
     * @param base whether to use its base model (see {@link HfModels#loadBase}) rather than its
     *     class
     * @return the folder
     * @throws IOException when it does not exist, is not a folder, or has no {@code config.json}
     */
    static ModelFolder of(Path dir, boolean base) throws IOException {
        if (!Files.exists(dir)) {
            throw new IOException(dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder: give a HuggingFace model folder");
        }
        if (!Files.exists(dir.resolve("config.json"))) {
            throw new IOException(
                    dir + " has no config.json, so it is not a HuggingFace model folder");
        }
        UserFiles.requireRegular(dir.resolve("config.json"));
        return new ModelFolder(dir, base);
    }

    /**
     * @return the folder's path
     */
    Path dir() {
        return dir;
    }

    /**
     * @return the folder's name as a model name: its last path component, such as {@code bart-base}
     */
    String name() {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? "model" : name.toString();
    }

    /**
     * @return the model its {@code config.json} names (or its base model), without weights: enough
     *     for its structure
     * @throws IOException when the config cannot be read
     * @throws IllegalArgumentException when the config is invalid or names an unsupported model
     */
    Block build() throws IOException {
        ModelConfig config = HfModels.readConfig(dir);
        return base ? HfModels.buildBase(config) : HfModels.build(config);
    }

    /**
     * @param manager the manager that will own the weights
     * @return the model (or its base model) with its weights loaded, and which of its parameters
     *     and outputs are fresh rather than the checkpoint's (only a base model may have fresh
     *     ones, such as a pooler)
     * @throws IOException when a file is missing, unreadable or invalid, or the weights do not fit
     *     the model
     * @throws IllegalArgumentException when the config is invalid or names an unsupported model
     */
    LoadedModel load(NDManager manager) throws IOException {
        return base
                ? HfModels.loadBaseReporting(dir, manager)
                : new LoadedModel(HfModels.load(dir, manager), List.of(), List.of());
    }
}
