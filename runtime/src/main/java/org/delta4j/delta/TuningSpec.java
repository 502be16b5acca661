package org.delta4j.delta;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A whole tuning spec: the deltas to attach, in order, and optionally how to freeze the backbone
 * afterwards. What an annotated spec type generates, and what code can build by hand.
 *
 * <pre>{@code
 * Tuning tuning = TuningSpec.builder()
 *         .add(AdapterSpec.builder().modules("fc2").bottleneck(12).build())
 *         .freeze(FreezeSpec.builder().exclude("deltas", "layernorm_embedding").build())
 *         .build()
 *         .attach(backbone);
 * }</pre>
 */
public final class TuningSpec {
    private final List<DeltaSpec> deltas;
    private final FreezeSpec freeze;

    private TuningSpec(List<DeltaSpec> deltas, FreezeSpec freeze) {
        this.deltas = List.copyOf(deltas);
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
        private FreezeSpec freeze;

        private Builder() {}

        /**
         * @param delta a delta to attach after those added before
         * @return this builder
         */
        public Builder add(DeltaSpec delta) {
            deltas.add(java.util.Objects.requireNonNull(delta, "delta"));
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
            return new TuningSpec(deltas, freeze);
        }
    }
}
