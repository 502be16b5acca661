package org.delta4j.delta;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.delta.bitfit.BitFitSpec;
import org.delta4j.delta.compacter.CompacterSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.delta.lowrank.LowRankAdapterSpec;
import org.delta4j.delta.paralleladapter.ParallelAdapterSpec;
import org.delta4j.delta.prefix.PrefixSpec;
import org.delta4j.delta.softprompt.SoftPromptSpec;
import org.delta4j.spec.ArgumentRules;

/**
 * Rebuilds a delta spec from its method name and OpenDelta-named arguments, as a checkpoint's config records them
 * ({@link DeltaSpec#arguments()} is the inverse). Missing arguments take their defaults.
 */
public final class DeltaSpecs {
    /** Builds one method's spec from patterns, exclusions and arguments. */
    private interface Factory {
        DeltaSpec build(String[] modules, String[] exclude, Arguments args);
    }

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("adapter", (m, x, a) -> AdapterSpec.builder().modules(m).exclude(x)
                .bottleneck(a.integer("bottleneck_dim", AdapterSpec.DEFAULT_BOTTLENECK))
                .nonLinearity(a.string("non_linearity", AdapterSpec.DEFAULT_NON_LINEARITY)).build());
        FACTORIES.put("lora", (m, x, a) -> LoraSpec.builder().modules(m).exclude(x)
                .r(a.integer("lora_r", LoraSpec.DEFAULT_R))
                .alpha(a.number("lora_alpha", LoraSpec.DEFAULT_ALPHA))
                .dropout(a.number("lora_dropout", LoraSpec.DEFAULT_DROPOUT)).build());
        FACTORIES.put("bitfit", (m, x, a) -> BitFitSpec.builder().modules(m).exclude(x).build());
        FACTORIES.put("low_rank_adapter", (m, x, a) -> LowRankAdapterSpec.builder().modules(m).exclude(x)
                .reductionFactor(a.integer("reduction_factor", LowRankAdapterSpec.DEFAULT_REDUCTION_FACTOR))
                .rank(a.integer("low_rank_rank", LowRankAdapterSpec.DEFAULT_RANK))
                .nonLinearity(a.string("non_linearity", LowRankAdapterSpec.DEFAULT_NON_LINEARITY)).build());
        FACTORIES.put("compacter", (m, x, a) -> CompacterSpec.builder().modules(m).exclude(x)
                .reductionFactor(a.integer("reduction_factor", CompacterSpec.DEFAULT_REDUCTION_FACTOR))
                .hypercomplexDivision(a.integer("hypercomplex_division", CompacterSpec.DEFAULT_HYPERCOMPLEX_DIVISION))
                .phmRank(a.integer("phm_rank", CompacterSpec.DEFAULT_PHM_RANK))
                .nonLinearity(a.string("non_linearity", CompacterSpec.DEFAULT_NON_LINEARITY)).build());
        FACTORIES.put("parallel_adapter", (m, x, a) -> ParallelAdapterSpec.builder().modules(m).exclude(x)
                .bottleneck(a.integer("bottleneck_dim", ParallelAdapterSpec.DEFAULT_BOTTLENECK))
                .nonLinearity(a.string("non_linearity", ParallelAdapterSpec.DEFAULT_NON_LINEARITY))
                .scaled(a.number("scaled", ParallelAdapterSpec.DEFAULT_SCALED)).build());
        FACTORIES.put("prefix", (m, x, a) -> PrefixSpec.builder().modules(m).exclude(x)
                .prefixTokenNum(a.integer("prefix_token_num", PrefixSpec.DEFAULT_PREFIX_TOKEN_NUM))
                .reparameterize(a.bool("reparameterize", PrefixSpec.DEFAULT_REPARAMETERIZE))
                .embedDim(a.integer("embed_dim", PrefixSpec.DEFAULT_EMBED_DIM))
                .midDim(a.integer("mid_dim", PrefixSpec.DEFAULT_MID_DIM)).build());
        FACTORIES.put("soft_prompt", (m, x, a) -> SoftPromptSpec.builder().modules(m).exclude(x)
                .softTokenNum(a.integer("soft_token_num", SoftPromptSpec.DEFAULT_SOFT_TOKEN_NUM))
                .initRange(a.number("init_range", SoftPromptSpec.DEFAULT_INIT_RANGE))
                .tokenInit(a.bool("token_init", SoftPromptSpec.DEFAULT_TOKEN_INIT)).build());
    }

    /** The methods this version can rebuild, by OpenDelta's {@code delta_type} names. */
    public static final List<String> METHODS = List.copyOf(FACTORIES.keySet());

    private DeltaSpecs() {}

    /**
     * @param method the method name, one of {@link #METHODS}
     * @param modules the module patterns
     * @param exclude the excluded path prefixes
     * @param arguments the method's arguments by OpenDelta's names
     * @return the spec, validated as if built by hand
     * @throws org.delta4j.spec.SpecException for an unknown method or an invalid value
     * @throws IllegalArgumentException for an argument of the wrong type
     */
    public static DeltaSpec of(String method, List<String> modules, List<String> exclude, Map<String, ?> arguments) {
        Factory factory = FACTORIES.get(ArgumentRules.oneOf("delta_type", method, METHODS));
        return factory.build(modules.toArray(new String[0]), exclude.toArray(new String[0]), new Arguments(arguments));
    }

    /** Typed reads of a JSON-like argument map. */
    private static final class Arguments {
        private final Map<String, ?> values;

        Arguments(Map<String, ?> values) {
            this.values = values;
        }

        int integer(String name, int fallback) {
            Number n = typed(name, Number.class);
            if (n == null) {
                return fallback;
            }
            double d = n.doubleValue();
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("argument \"" + name + "\" must be a whole number of at most "
                        + Integer.MAX_VALUE + ", not " + n);
            }
            return n.intValue();
        }

        double number(String name, double fallback) {
            Number n = typed(name, Number.class);
            return n == null ? fallback : n.doubleValue();
        }

        boolean bool(String name, boolean fallback) {
            Boolean b = typed(name, Boolean.class);
            return b == null ? fallback : b;
        }

        String string(String name, String fallback) {
            String s = typed(name, String.class);
            return s == null ? fallback : s;
        }

        private <T> T typed(String name, Class<T> type) {
            Object v = values.get(name);
            if (v != null && !type.isInstance(v)) {
                throw new IllegalArgumentException("argument \"" + name + "\" must be a " + type.getSimpleName()
                        + ", not " + v);
            }
            return type.cast(v);
        }
    }
}
