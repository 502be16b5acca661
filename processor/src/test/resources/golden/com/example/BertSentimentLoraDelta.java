package com.example;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import javax.annotation.processing.Generated;
import org.delta4j.checkpoint.DeltaCheckpoint;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningPlan;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.models.hf.HfModels;

/**
 * Type-safe wiring for the tuning spec {@link BertSentimentLora}, checked at compile time against the structure of
 * {@code "bert-base-uncased"} as {@code BertForSequenceClassification} with 2 labels. Attaching it:
 *
 * <ul>
 *   <li>{@code @Lora(modules = {"query", "value"}, exclude = "lm_head", r = 8, alpha = 16.0, dropout = 0.0)}:
 *       LoRA on 24 modules:
 *       {@code bert.encoder.layer.0.attention.self.query},
 *       {@code bert.encoder.layer.0.attention.self.value},
 *       {@code bert.encoder.layer.1.attention.self.query}
 *       and 21 more.
 *   <li>{@code @Freeze(exclude = {"deltas", "classifier"}, setStateDict = true)}:
 *       then freezes every parameter it does not exclude.
 * </ul>
 *
 * <p>{@link #attach(Block)} attaches the spec as annotated and returns the {@link Tuning} to log, inspect
 * and train; {@link #save(Tuning, Path)} saves its deltas. {@link #plan(Block)} shows what a backbone would get,
 * without changing it. {@link #builder()} changes the values at run time, checked by the same rules.
 */
@Generated("org.delta4j.processor.DeltaSpecProcessor")
public final class BertSentimentLoraDelta {
    /**
     * The backbone this spec was checked against at compile time.
     */
    public static final String BACKBONE = "bert-base-uncased";

    /**
     * The model class this spec was checked as, which {@link #load(Path, NDManager)} builds.
     */
    public static final String MODEL_CLASS = "BertForSequenceClassification";

    /**
     * The number of labels this spec was checked with, which {@link #load(Path, NDManager)} gives the classifier.
     */
    public static final int NUM_LABELS = 2;

    private BertSentimentLoraDelta() {
    }

    /**
     * Loads a HuggingFace folder ({@code config.json} and safetensors weights) as {@link #MODEL_CLASS},
     * as {@code from_pretrained} on that class does: the base model's weights must fit, a head the
     * checkpoint lacks is initialised fresh (train it: exclude it from freezing).
     *
     * <p>With {@link #NUM_LABELS} labels, whatever the folder's config says: a classifier the checkpoint
     * holds at another size is initialised fresh too, as HF's {@code ignore_mismatched_sizes} does.
     *
     * @param folder the model folder, of this backbone's model type
     * @param manager the manager that will own the weights
     * @return the model, to {@link #attach(Block)} the spec to
     * @throws IOException when a file is missing, unreadable or invalid, or the base weights do not fit
     * @throws IllegalArgumentException when the config is invalid or of another model type
     */
    public static Block load(Path folder, NDManager manager) throws IOException {
        return HfModels.loadAs(folder, MODEL_CLASS, NUM_LABELS, manager);
    }

    /**
     * Starts from the annotated values.
     *
     * @return a builder holding them
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Attaches the spec with its annotated values: {@code builder().build().attach(backbone)}.
     *
     * @param backbone the model's root block, initialised
     * @return the handle to the attached deltas: {@link Tuning#log()}, {@link Tuning#statistics()},
     *     training, and {@link #save(Tuning, Path)}
     */
    public static Tuning attach(Block backbone) {
        return builder().build().attach(backbone);
    }

    /**
     * Resolves the spec with its annotated values on a backbone without changing it:
     * {@code builder().build().plan(backbone)}.
     *
     * @param backbone the model's root block
     * @return which modules each delta would modify; its {@code toString()} describes them
     */
    public static TuningPlan plan(Block backbone) {
        return builder().build().plan(backbone);
    }

    /**
     * Saves the attached deltas as a checkpoint folder, which {@link DeltaCheckpoint#load(Path, Block)} attaches
     * to a fresh backbone.
     *
     * @param tuning the handle {@link #attach(Block)} returned
     * @param directory the folder to write
     * @throws IOException when it cannot be written
     */
    public static void save(Tuning tuning, Path directory) throws IOException {
        DeltaCheckpoint.save(tuning, directory);
    }

    /**
     * Changes the annotated values at run time. Each setter hands its value to the runtime builder at once,
     * which checks it with the rule the compiler checked the annotation with.
     */
    public static final class Builder {
        private final LoraSpec.Builder lora = LoraSpec.builder()
                .modules("query", "value")
                .exclude("lm_head")
                .r(8)
                .alpha(16.0)
                .dropout(0.0);

        private final FreezeSpec.Builder freeze = FreezeSpec.builder()
                .exclude("deltas", "classifier")
                .setStateDict(true);

        private Builder() {
        }

        /**
         * Sets {@code modules} of {@code @Lora}: the module patterns to modify.
         * As annotated: {@code {"query", "value"}}.
         *
         * @param modules the new values
         * @return this builder
         * @throws org.delta4j.spec.SpecException when a value breaks the rule the compiler checks on the annotation
         */
        public Builder loraModules(String... modules) {
            lora.modules(modules);
            return this;
        }

        /**
         * Sets {@code exclude} of {@code @Lora}: the module path prefixes never to modify.
         * As annotated: {@code "lm_head"}.
         *
         * @param exclude the new values
         * @return this builder
         */
        public Builder loraExclude(String... exclude) {
            lora.exclude(exclude);
            return this;
        }

        /**
         * Sets {@code r} of {@code @Lora}: the rank, at least 1.
         * As annotated: {@code 8}.
         *
         * @param r the new value
         * @return this builder
         * @throws org.delta4j.spec.SpecException when a value breaks the rule the compiler checks on the annotation
         */
        public Builder loraR(int r) {
            lora.r(r);
            return this;
        }

        /**
         * Sets {@code alpha} of {@code @Lora}: the scaling numerator, greater than 0.
         * As annotated: {@code 16.0}.
         *
         * @param alpha the new value
         * @return this builder
         * @throws org.delta4j.spec.SpecException when a value breaks the rule the compiler checks on the annotation
         */
        public Builder loraAlpha(double alpha) {
            lora.alpha(alpha);
            return this;
        }

        /**
         * Sets {@code dropout} of {@code @Lora}: the dropout probability on the LoRA path, in [0, 1).
         * As annotated: {@code 0.0}.
         *
         * @param dropout the new value
         * @return this builder
         * @throws org.delta4j.spec.SpecException when a value breaks the rule the compiler checks on the annotation
         */
        public Builder loraDropout(double dropout) {
            lora.dropout(dropout);
            return this;
        }

        /**
         * Sets {@code exclude} of {@code @Freeze}: the keyword "deltas" and the module patterns to keep trainable.
         * As annotated: {@code {"deltas", "classifier"}}.
         *
         * @param exclude the new values
         * @return this builder
         * @throws org.delta4j.spec.SpecException when a value breaks the rule the compiler checks on the annotation
         */
        public Builder freezeExclude(String... exclude) {
            freeze.exclude(exclude);
            return this;
        }

        /**
         * Sets {@code setStateDict} of {@code @Freeze}: whether the state dict keeps only trainable parameters.
         * As annotated: {@code true}.
         *
         * @param setStateDict the new value
         * @return this builder
         */
        public Builder freezeSetStateDict(boolean setStateDict) {
            freeze.setStateDict(setStateDict);
            return this;
        }

        /**
         * @return the spec with this builder's values
         */
        public Configured build() {
            return new Configured(TuningSpec.builder()
                    .add(lora.build())
                    .freeze(freeze.build())
                    .build());
        }
    }

    /**
     * The spec with a builder's values, ready to plan or attach.
     */
    public static final class Configured {
        private final TuningSpec spec;

        private Configured(TuningSpec spec) {
            this.spec = spec;
        }

        /**
         * @return the runtime spec, to inspect or to combine by hand
         */
        public TuningSpec spec() {
            return spec;
        }

        /**
         * Resolves every delta's modules on a backbone without changing it.
         *
         * @param backbone the model's root block
         * @return which modules each delta would modify
         */
        public TuningPlan plan(Block backbone) {
            return spec.plan(backbone);
        }

        /**
         * Attaches every delta, then freezes as specified; all or nothing.
         *
         * @param backbone the model's root block, initialised
         * @return the handle to the attached deltas
         */
        public Tuning attach(Block backbone) {
            return spec.attach(backbone);
        }
    }
}
