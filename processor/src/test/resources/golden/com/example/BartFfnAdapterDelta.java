package com.example;

import ai.djl.nn.Block;
import javax.annotation.processing.Generated;
import org.delta4j.delta.FreezeSpec;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.TuningPlan;
import org.delta4j.delta.TuningSpec;
import org.delta4j.delta.adapter.AdapterSpec;

/**
 * Type-safe wiring for the tuning spec {@link BartFfnAdapter}, checked at compile time against the structure of
 * {@code "facebook/bart-base"}:
 *
 * <ul>
 *   <li>{@code @Adapter(modules = "fc2", exclude = "lm_head", bottleneck = 12, nonLinearity = "gelu_new")}:
 *       modifies 12 modules.
 *   <li>{@code @Freeze(exclude = {"deltas", "layernorm_embedding"}, setStateDict = true)}:
 *       after attaching, freezes every parameter it does not exclude.
 * </ul>
 *
 * <p>{@link #attach(Block)} attaches the spec as annotated; {@link #builder()} changes its values at run time, checked
 * by the same rules.
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
     * @return the handle to the attached deltas
     */
    public static Tuning attach(Block backbone) {
        return builder().build().attach(backbone);
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
