package org.delta4j.models.hf;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.delta4j.io.TensorSource;
import org.delta4j.models.ChecksCheckpoint;
import org.delta4j.models.ModelConfig;
import org.delta4j.models.ModelLimits;

/**
 * Entry point for HF models: read a {@code config.json}, build the model class it names, fill it
 * with fresh weights or load it from a HuggingFace folder ({@code config.json} plus safetensors
 * weights).
 */
public final class HfModels {
    /**
     * The input shape models are initialised with, {@code [batch, length]} of {@code input_ids}.
     * Parameter shapes are fixed at construction, so it only serves DJL's bookkeeping.
     */
    public static final Shape INIT_SHAPE = new Shape(1, 1);

    private HfModels() {}

    /**
     * @return the HF model classes this runtime builds (the names {@code config.json} gives in
     *     {@code architectures}), such as {@code BartModel}, in registration order
     */
    public static Set<String> architectures() {
        return Architectures.classNames();
    }

    /**
     * @param dir a HuggingFace model folder
     * @return its {@code config.json}, parsed as the configuration of its {@code model_type}
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is not valid or its model type is unsupported,
     *     naming the file
     */
    public static ModelConfig readConfig(Path dir) throws IOException {
        return HfFolder.readConfig(dir);
    }

    /**
     * Builds the model class the configuration names first in {@code architectures}, without
     * allocating weights: enough to describe its structure.
     *
     * @param config the configuration
     * @return a new, uninitialised model
     * @throws IllegalArgumentException when no architecture is named or it is unsupported (pointing
     *     at the base model), or the model would be larger than {@link ModelLimits} allow
     */
    public static Block build(ModelConfig config) {
        List<String> architectures = config.architectures();
        if (architectures.isEmpty()) {
            throw new IllegalArgumentException(
                    "The config names no \"architectures\", so the model class is unknown; "
                            + "HfModels.loadBase loads its base model (--base on the command line)");
        }
        Block model;
        try {
            model = Architectures.build(architectures.get(0), config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    e.getMessage()
                            + ". To tune its "
                            + Architectures.base(config.modelType()).className()
                            + " without the head, use "
                            + "HfModels.loadBase or buildBase (--base on the command line)",
                    e);
        }
        return ModelLimits.requireBuildable(model);
    }

    /**
     * Builds the configuration's base model, what HF's {@code AutoModel} builds ({@code BertModel}
     * for any BERT config), without allocating weights.
     *
     * @param config the configuration
     * @return a new, uninitialised base model
     * @throws IllegalArgumentException when the model would be larger than {@link ModelLimits}
     *     allow
     */
    public static Block buildBase(ModelConfig config) {
        return ModelLimits.requireBuildable(
                Architectures.build(Architectures.base(config.modelType()).className(), config));
    }

    /**
     * Builds a model with fresh weights as HF initialises them: normal(0, {@code init_std}) for
     * linear and embedding weights, zero biases and padding rows, layer norms at ones and zeros.
     *
     * @param config the configuration
     * @param manager the manager that will own the weights
     * @param seed the seed of the engine's random generator (the engine's generator is global: this
     *     reseeds it)
     * @return the initialised model
     */
    public static Block random(ModelConfig config, NDManager manager, int seed) {
        Block model = build(config);
        manager.getEngine().setRandomSeed(seed);
        model.initialize(manager, DataType.FLOAT32, INIT_SHAPE);
        return model;
    }

    /**
     * Loads a model from a HuggingFace folder: {@code config.json} names the class ({@code
     * architectures}) and {@code model.safetensors} (or a sharded {@code
     * model.safetensors.index.json}) holds the state dict, which must fit the model exactly (see
     * {@link CheckpointLoader}). The weights belong to {@code manager} and train (require
     * gradients) until frozen. On failure nothing is kept.
     *
     * @param dir the folder
     * @param manager the manager that will own the weights
     * @return the loaded model
     * @throws IOException when a file is missing, unreadable or invalid, or the weights do not fit
     *     the model
     * @throws IllegalArgumentException when the config is invalid or names an unsupported model
     */
    public static Block load(Path dir, NDManager manager) throws IOException {
        ModelConfig config = readConfig(dir);
        Block model;
        try {
            model = build(config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    dir.resolve("config.json") + ": " + e.getMessage(), e);
        }
        try (TensorSource weights = HfFolder.openWeights(dir, model.getClass().getSimpleName())) {
            ModelLimits.requireLayersOfWeights(model, weights);
            ChecksCheckpoint.check(model, weights);
            HfFolder.requireOptionalParts(dir, config, model, weights);
            CheckpointLoader.load(model, weights, manager);
        }
        return model;
    }

    /**
     * Loads the base model of a HuggingFace folder, as HF's {@code AutoModel} does: {@code
     * BertModel} for any BERT checkpoint, whatever head ({@code BertForMaskedLM}, {@code
     * BertForTokenClassification}, ...) it was saved with. This is how to tune a hub checkpoint
     * whose head class delta4j does not build. See {@link #loadAs}.
     *
     * @param dir the folder
     * @param manager the manager that will own the weights
     * @return the loaded base model
     * @throws IOException when a file is missing, unreadable or invalid, or the weights do not fit
     *     the base model
     * @throws IllegalArgumentException when the config is invalid or its model type is unsupported
     */
    public static Block loadBase(Path dir, NDManager manager) throws IOException {
        return loadBaseReporting(dir, manager).model();
    }

    /**
     * As {@link #loadBase}, saying which parameters the checkpoint lacked and were initialised
     * fresh (a pooler that HF saved a masked-LM class without) and which named outputs come from
     * them alone ({@code pooler_output}), so a caller can leave those out rather than hand on
     * random values.
     *
     * @param dir the folder
     * @param manager the manager that will own the weights
     * @return the loaded base model and what in it is fresh
     * @throws IOException when a file is missing, unreadable or invalid, or the base weights do not
     *     fit
     * @throws IllegalArgumentException when the config is invalid or names an unsupported model
     */
    public static LoadedModel loadBaseReporting(Path dir, NDManager manager) throws IOException {
        ModelConfig config = readConfig(dir);
        return RetargetedLoading.load(
                dir, config, Architectures.base(config.modelType()).className(), manager, null);
    }

    /**
     * Loads a HuggingFace folder as another class of its model type, as {@code from_pretrained} on
     * that class does: {@code BertForSequenceClassification} from a {@code bert-base-uncased}
     * folder, {@code GPT2LMHeadModel} from a {@code GPT2Model} checkpoint. The base model's weights
     * are moved between the two classes' places (under the base prefix such as {@code bert.}, or at
     * the top level) and must fit exactly, but for a pooler, which HF's masked-LM classes are saved
     * without; a head the checkpoint has and the class lacks is left out; a head the class has and
     * the checkpoint lacks is initialised fresh, as the model initialises it, and logged as a
     * warning: train it (exclude it from freezing). On failure nothing is kept.
     *
     * @param dir the folder
     * @param className the class to build, one of {@link #architectures()} of the folder's model
     *     type
     * @param manager the manager that will own the weights
     * @return the loaded model
     * @throws IOException when a file is missing, unreadable or invalid, or the base weights do not
     *     fit
     * @throws IllegalArgumentException when the config is invalid or the class is unsupported or of
     *     another model type
     */
    public static Block loadAs(Path dir, String className, NDManager manager) throws IOException {
        return RetargetedLoading.load(dir, readConfig(dir), className, manager, null).model();
    }

    /**
     * As {@link #loadAs(Path, String, NDManager)}, with another number of labels, as {@code
     * from_pretrained(dir, num_labels=n)} on a class with a classification head: the config's
     * {@code num_labels} is {@code numLabels} (its {@code id2label} and {@code label2id} are left
     * out). A classifier the checkpoint holds at another size is initialised fresh, as HF's {@code
     * ignore_mismatched_sizes=True} does, and logged as a warning; one of this size is loaded.
     *
     * @param dir the folder
     * @param className a class with a classification head, such as {@code
     *     BertForSequenceClassification}
     * @param numLabels the number of labels, at least 1 (1 is regression, as in HF)
     * @param manager the manager that will own the weights
     * @return the loaded model
     * @throws IOException when a file is missing, unreadable or invalid, or the base weights do not
     *     fit
     * @throws IllegalArgumentException when {@code numLabels} is below 1, the class has no
     *     classification head, or the config is invalid or of another model type
     */
    public static Block loadAs(Path dir, String className, int numLabels, NDManager manager)
            throws IOException {
        if (numLabels < 1) {
            throw new IllegalArgumentException(
                    "numLabels = " + numLabels + " is not a number of labels: expected at least 1");
        }
        String classifier =
                Architectures.classifier(className)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "numLabels = "
                                                        + numLabels
                                                        + " sizes a classification head, and "
                                                        + className
                                                        + " has none; the classes with one: "
                                                        + String.join(
                                                                ", ", Architectures.classifiers())
                                                        + ". Load "
                                                        + className
                                                        + " without numLabels"));
        return RetargetedLoading.load(
                        dir, HfFolder.readConfig(dir, numLabels), className, manager, classifier)
                .model();
    }
}
