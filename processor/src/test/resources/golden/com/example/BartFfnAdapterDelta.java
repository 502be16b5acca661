package com.example;

import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import javax.annotation.processing.Generated;
import org.delta4j.checkpoint.DeltaCheckpoint;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningPlan;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.adapter.AdapterSpec;

/**
 * Type-safe wiring for the tuning spec {@link BartFfnAdapter}, checked at compile time against the structure of
 * {@code "facebook/bart-base"}. Attaching it:
 *
 * <ul>
 *   <li>{@code @Adapter(modules = "fc2", exclude = "lm_head", bottleneck = 12, nonLinearity = "gelu_new")}:
 *       Adapter on 12 modules:
 *       {@code encoder.layers.0.fc2},
 *       {@code encoder.layers.1.fc2},
 *       {@code encoder.layers.2.fc2}
 *       and 9 more.
 *   <li>{@code @Freeze(exclude = {"deltas", "layernorm_embedding"}, setStateDict = true)}:
 *       then freezes every parameter it does not exclude.
 * </ul>
 *
 * <p>{@link #attach(Block)} attaches the spec as annotated and returns the {@link Tuning} to log, inspect
 * and train; {@link #save(Tuning, Path)} saves its deltas. {@link #plan(Block)} shows what a backbone would get,
 * without changing it. {@link #builder()} changes the values at run time, checked by the same rules.
 */
@Generated("org.delta4j.processor.DeltaSpecProcessor")
public final class BartFfnAdapterDelta {
    /**
     * The backbone this spec was checked against at compile time.
     */
    public static final String BACKBONE = "facebook/bart-base";

    private BartFfnAdapterDelta() {
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
        private final AdapterSpec.Builder adapter = AdapterSpec.builder()
                .modules("fc2")
                .exclude("lm_head")
                .bottleneck(12)
                .nonLinearity("gelu_new");

        private final FreezeSpec.Builder freeze = FreezeSpec.builder()
                .exclude("deltas", "layernorm_embedding")
                .setStateDict(true);

        private Builder() {
        }

        /**
         * Sets {@code modules} of {@code @Adapter}: the module patterns to modify.
         * As annotated: {@code "fc2"}.
         *
         * @param modules the new values
         * @return this builder
         * @throws org.delta4j.spec.SpecException when a value breaks the rule the compiler checks on the annotation
         */
        public Builder adapterModules(String... modules) {
            adapter.modules(modules);
            return this;
        }

        /**
         * Sets {@code exclude} of {@code @Adapter}: the module path prefixes never to modify.
         * As annotated: {@code "lm_head"}.
         *
         * @param exclude the new values
         * @return this builder
         */
        public Builder adapterExclude(String... exclude) {
            adapter.exclude(exclude);
            return this;
        }

        /**
         * Sets {@code bottleneck} of {@code @Adapter}: the bottleneck size, at least 1.
         * As annotated: {@code 12}.
         *
         * @param bottleneck the new value
         * @return this builder
         * @throws org.delta4j.spec.SpecException when a value breaks the rule the compiler checks on the annotation
         */
        public Builder adapterBottleneck(int bottleneck) {
            adapter.bottleneck(bottleneck);
            return this;
        }

        /**
         * Sets {@code nonLinearity} of {@code @Adapter}: the non-linearity's name.
         * As annotated: {@code "gelu_new"}.
         *
         * @param nonLinearity the new value
         * @return this builder
         * @throws org.delta4j.spec.SpecException when a value breaks the rule the compiler checks on the annotation
         */
        public Builder adapterNonLinearity(String nonLinearity) {
            adapter.nonLinearity(nonLinearity);
            return this;
        }

        /**
         * Sets {@code exclude} of {@code @Freeze}: the keyword "deltas" and the module patterns to keep trainable.
         * As annotated: {@code {"deltas", "layernorm_embedding"}}.
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
                    .add(adapter.build())
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
