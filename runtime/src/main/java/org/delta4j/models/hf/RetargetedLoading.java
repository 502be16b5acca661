package org.delta4j.models.hf;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.delta4j.models.ChecksCheckpoint;
import org.delta4j.models.ModelConfig;
import org.delta4j.models.ModelLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a HuggingFace folder as any class of its model type ({@link HfModels#loadAs}, {@link
 * HfModels#loadBase}): the checkpoint is seen under the target class's keys ({@link
 * RetargetedCheckpoint}), the parameters it lacks are initialised fresh and logged, and the result
 * says which they are and which named outputs come from them alone.
 */
final class RetargetedLoading {
    // Under HfModels' name: the warning belongs to the public entry point users configure logging
    // for.
    private static final Logger LOG = LoggerFactory.getLogger(HfModels.class);

    private RetargetedLoading() {}

    /**
     * See {@link HfModels#loadAs} and {@link HfModels#loadBaseReporting}.
     *
     * @param resizedHead the path of the class's classifier when the config's number of labels was
     *     set by the caller, so a checkpoint's classifier of another size loads fresh; {@code null}
     *     otherwise
     */
    static LoadedModel load(
            Path dir, ModelConfig config, String className, NDManager manager, String resizedHead)
            throws IOException {
        Block model;
        try {
            model = ModelLimits.requireBuildable(Architectures.build(className, config));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    dir.resolve("config.json") + ": " + e.getMessage(), e);
        }
        Architectures.BaseModel baseModel = Architectures.base(config.modelType());
        boolean targetIsBase = className.equals(baseModel.className());
        Block base = targetIsBase ? model : HfModels.buildBase(config);
        try (RetargetedCheckpoint weights =
                RetargetedCheckpoint.of(
                        HfFolder.openWeights(dir, className),
                        baseModel,
                        base,
                        model,
                        resizedHead)) {
            ModelLimits.requireLayersOfWeights(model, weights);
            ChecksCheckpoint.check(model, weights);
            List<String> fresh =
                    CheckpointLoader.load(model, weights, manager, weights::mayBeFresh);
            if (!weights.resized().isEmpty()) {
                LOG.warn(
                        "{} holds these {} parameters for another number of labels, so they are newly "
                                + "initialised (as HF's ignore_mismatched_sizes does): train them before use: {}",
                        dir,
                        className,
                        weights.resized());
            }
            List<String> missing =
                    fresh.stream().filter(k -> !weights.resized().contains(k)).toList();
            if (!missing.isEmpty()) {
                LOG.warn(
                        "{} was not saved with these {} parameters, so they are newly initialised: train them "
                                + "before use: {}",
                        dir,
                        className,
                        missing);
            }
            List<String> freshOutputs = targetIsBase ? freshOutputs(baseModel, fresh) : List.of();
            return new LoadedModel(model, fresh, freshOutputs);
        }
    }

    /**
     * The named outputs a base model computes from its fresh optional parts alone ({@code
     * pooler_output}).
     */
    private static List<String> freshOutputs(
            Architectures.BaseModel baseModel, List<String> fresh) {
        Set<String> outputs = new LinkedHashSet<>();
        for (String path : fresh) {
            String output = baseModel.optionalParts().get(path.split("\\.", 2)[0]);
            if (output != null) {
                outputs.add(output);
            }
        }
        return List.copyOf(outputs);
    }
}
