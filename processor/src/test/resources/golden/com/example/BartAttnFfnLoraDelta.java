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
import org.delta4j.delta.lora.LoraSpec;

/**
 * Type-safe wiring for the tuning spec {@link BartAttnFfnLora}, checked at compile time against the structure of
 * {@code "facebook/bart-base"}. Attaching it:
 *
 * <ul>
 *   <li>{@code @Lora(name = "attn", modules = {"attn.q", "attn.v"}, exclude = "lm_head", r = 8, alpha = 16.0, dropout = 0.0)}:
 *       LoRA on 24 modules:
 *       {@code encoder.layers.0.self_attn.v_proj},
 *       {@code encoder.layers.0.self_attn.q_proj},
 *       {@code encoder.layers.1.self_attn.v_proj}
 *       and 21 more.
 *   <li>{@code @Lora(name = "ffn", modules = "ff.w1", exclude = "lm_head", r = 4, alpha = 8.0, dropout = 0.0)}:
 *       LoRA on 12 modules:
 *       {@code encoder.layers.0.fc1},
 *       {@code encoder.layers.1.fc1},
 *       {@code encoder.layers.2.fc1}
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
public final class BartAttnFfnLoraDelta {
    /**
     * The backbone this spec was checked against at compile time.
     */
    public static final String BACKBONE = "facebook/bart-base";

    private BartAttnFfnLoraDelta() {
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
        private final LoraSpec.Builder attn = LoraSpec.builder()
                .modules("attn.q", "attn.v")
                .exclude("lm_head")
                .r(8)
                .alpha(16.0)
                .dropout(0.0);

        private final LoraSpec.Builder ffn = LoraSpec.builder()
                .modules("ff.w1")
                .exclude("lm_head")
                .r(4)
                .alpha(8.0)
                .dropout(0.0);

        private final FreezeSpec.Builder freeze = FreezeSpec.builder()
                .exclude("deltas", "layernorm_embedding")
                .setStateDict(true);

        private Builder() {
        }

        /**
         * Sets {@code modules} of {@code @Lora(name = "attn")}: the module patterns to modify.
         * As annotated: {@code {"attn.q", "attn.v"}}.
         *
         * @param modules the new values
         * @return this builder
         * @throws org.delta4j.spec.SpecException when a value breaks the rule the compiler checks on the annotation
         */
        public Builder attnModules(String... modules) {
            attn.modules(modules);
            return this;
        }

        /**
         * Sets {@code exclude} of {@code @Lora(name = "attn")}: the module path prefixes never to modify.
         * As annotated: {@code "lm_head"}.
         *
         * @param exclude the new values
         * @return this builder
         */
        public Builder attnExclude(String... exclude) {
            attn.exclude(exclude);
            return this;
        }

        /**
         * Sets {@code r} of {@code @Lora(name = "attn")}: the rank, at least 1.
         * As annotated: {@code 8}.
         *
         * @param r the new value
         * @return this builder
         * @throws org.delta4j.spec.SpecException when a value breaks the rule the compiler checks on the annotation
         */
        public Builder attnR(int r) {
            attn.r(r);
            return this;
        }

        /**
         * Sets {@code alpha} of {@code @Lora(name = "attn")}: the scaling numerator, greater than 0.
         * As annotated: {@code 16.0}.
         *
         * @param alpha the new value
         * @return this builder
         * @throws org.delta4j.spec.SpecException when a value breaks the rule the compiler checks on the annotation
         */
        public Builder attnAlpha(double alpha) {
            attn.alpha(alpha);
            return this;
        }

        /**
         * Sets {@code dropout} of {@code @Lora(name = "attn")}: the dropout probability on the LoRA path, in [0, 1).
         * As annotated: {@code 0.0}.
         *
         * @param dropout the new value
         * @return this builder
         * @throws org.delta4j.spec.SpecException when a value breaks the rule the compiler checks on the annotation
         */
        public Builder attnDropout(double dropout) {
            attn.dropout(dropout);
            return this;
        }

        /**
         * Sets {@code modules} of {@code @Lora(name = "ffn")}: the module patterns to modify.
         * As annotated: {@code "ff.w1"}.
         *
         * @param modules the new values
         * @return this builder
         * @throws org.delta4j.spec.SpecException when a value breaks the rule the compiler checks on the annotation
         */
        public Builder ffnModules(String... modules) {
            ffn.modules(modules);
            return this;
        }

        /**
         * Sets {@code exclude} of {@code @Lora(name = "ffn")}: the module path prefixes never to modify.
         * As annotated: {@code "lm_head"}.
         *
         * @param exclude the new values
         * @return this builder
         */
        public Builder ffnExclude(String... exclude) {
            ffn.exclude(exclude);
            return this;
        }

        /**
         * Sets {@code r} of {@code @Lora(name = "ffn")}: the rank, at least 1.
         * As annotated: {@code 4}.
         *
         * @param r the new value
         * @return this builder
         * @throws org.delta4j.spec.SpecException when a value breaks the rule the compiler checks on the annotation
         */
        public Builder ffnR(int r) {
            ffn.r(r);
            return this;
        }

        /**
         * Sets {@code alpha} of {@code @Lora(name = "ffn")}: the scaling numerator, greater than 0.
         * As annotated: {@code 8.0}.
         *
         * @param alpha the new value
         * @return this builder
         * @throws org.delta4j.spec.SpecException when a value breaks the rule the compiler checks on the annotation
         */
        public Builder ffnAlpha(double alpha) {
            ffn.alpha(alpha);
            return this;
        }

        /**
         * Sets {@code dropout} of {@code @Lora(name = "ffn")}: the dropout probability on the LoRA path, in [0, 1).
         * As annotated: {@code 0.0}.
         *
         * @param dropout the new value
         * @return this builder
         * @throws org.delta4j.spec.SpecException when a value breaks the rule the compiler checks on the annotation
         */
        public Builder ffnDropout(double dropout) {
            ffn.dropout(dropout);
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
                    .add(attn.build())
                    .add(ffn.build())
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
