package org.delta4j.delta;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole tuning spec: the deltas to attach, in order, the backbone modules that train beside them
 * as PEFT's {@code modules_to_save} (see {@link Builder#modulesToSave}), and optionally how to
 * freeze the backbone afterwards. What an annotated spec type generates, and what code can build by
 * hand.
 *
 * <pre>{@code
 * Tuning tuning = TuningSpec.builder()
 *         .add(AdapterSpec.builder().modules("fc2").bottleneck(12).build())
 *         .freeze(FreezeSpec.builder().exclude("deltas", "layernorm_embedding").build())
 *         .build()
 *         .attach(backbone);
 *
 * Tuning classifier = TuningSpec.builder()
 *         .add(LoraSpec.builder().modules("query", "value").r(8).build())
 *         .modulesToSave("classifier")
 *         .freeze(FreezeSpec.builder().build())
 *         .build()
 *         .attach(bertForSequenceClassification);
 * }</pre>
 */
public final class TuningSpec {
    private final List<DeltaSpec> deltas;
    private final List<String> modulesToSave;
    private final FreezeSpec freeze;

    private TuningSpec(List<DeltaSpec> deltas, List<String> modulesToSave, FreezeSpec freeze) {
        this.deltas = List.copyOf(deltas);
        this.modulesToSave = List.copyOf(modulesToSave);
        this.freeze = freeze;
    }

    /**
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the deltas, in attach order
     */
    public List<DeltaSpec> deltas() {
        return deltas;
    }

    /**
     * @return the entries selecting the modules that train beside the deltas, as given; empty when
     *     none
     */
    public List<String> modulesToSave() {
        return modulesToSave;
    }

    /**
     * @return how to freeze after attaching, if at all
     */
    public Optional<FreezeSpec> freeze() {
        return Optional.ofNullable(freeze);
    }

    /**
     * Resolves every delta's modules on a backbone without changing it.
     *
     * @param backbone the model's root block
     * @return which modules each delta would modify
     * @throws org.delta4j.spec.SpecException when a pattern matches nothing or a module cannot be
     *     modified
     */
    public TuningPlan plan(Block backbone) {
        return TuningPlan.resolve(this, backbone);
    }

    /**
     * Attaches every delta, then freezes as specified. All or nothing: if any delta fails, the
     * backbone is left exactly as it was.
     *
     * @param backbone the model's root block, initialised
     * @return the handle to log, inspect, train and save the deltas
     */
    public Tuning attach(Block backbone) {
        return plan(backbone).apply();
    }

    /** Builds a {@link TuningSpec}. */
    public static final class Builder {
        private final List<DeltaSpec> deltas = new ArrayList<>();
        private List<String> modulesToSave = List.of();
        private FreezeSpec freeze;

        private Builder() {}

        /**
         * @param delta a delta to attach after those added before
         * @return this builder
         */
        public Builder add(DeltaSpec delta) {
            deltas.add(Objects.requireNonNull(delta, "delta"));
            return this;
        }

        /**
         * Trains whole backbone modules beside the deltas, as PEFT's {@code modules_to_save}: every
         * backbone module whose path ends with an entry (plain text, as PEFT matches) becomes
         * trainable when attached, even through a {@link FreezeSpec} that keeps only {@value
         * FreezeSpec#DELTAS}, and is saved with the deltas ({@code base_model.model.<path>.<name>}
         * in a PEFT adapter). {@link Tuning#detach()} restores the modules' original values and
         * trainable flags, so the backbone's own weights are not lost.
         *
         * @param entries module names or path suffixes, such as {@code "classifier"}; replaces
         *     those given before
         * @return this builder
         * @throws IllegalArgumentException for a null or blank entry
         */
        public Builder modulesToSave(String... entries) {
            for (String e : entries) {
                if (e == null || e.isBlank()) {
                    throw new IllegalArgumentException(
                            "modulesToSave entries must be module names such as \"classifier\", "
                                    + "not "
                                    + (e == null ? "null" : "\"" + e + "\""));
                }
            }
            this.modulesToSave = List.of(entries);
            return this;
        }

        /**
         * @param freeze how to freeze the backbone after attaching
         * @return this builder
         */
        public Builder freeze(FreezeSpec freeze) {
            this.freeze = freeze;
            return this;
        }

        /**
         * @return the spec
         * @throws IllegalStateException when no delta was added
         */
        public TuningSpec build() {
            if (deltas.isEmpty()) {
                throw new IllegalStateException(
                        "a tuning spec needs at least one delta: call add(...)");
            }
            return new TuningSpec(deltas, modulesToSave, freeze);
        }
    }
}
