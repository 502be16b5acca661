package org.delta4j.delta;

import java.util.List;
import java.util.Map;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.delta.bitfit.BitFitSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.spec.ArgumentRules;

/**
 * Rebuilds a delta spec from its method name and OpenDelta-named arguments, as a checkpoint's config records them
 * ({@link DeltaSpec#arguments()} is the inverse).
 */
public final class DeltaSpecs {
    /** The methods this version can rebuild. */
    public static final List<String> METHODS = List.of("adapter", "lora", "bitfit");

    private DeltaSpecs() {}

    /**
     * @param method the method name, one of {@link #METHODS}
     * @param modules the module patterns
     * @param exclude the excluded path prefixes
     * @param arguments the method's arguments by OpenDelta's names; missing ones take their defaults
     * @return the spec, validated as if built by hand
     * @throws org.delta4j.spec.SpecException for an unknown method or an invalid value
     */
    public static DeltaSpec of(String method, List<String> modules, List<String> exclude, Map<String, ?> arguments) {
        String[] m = modules.toArray(new String[0]);
        String[] x = exclude.toArray(new String[0]);
        switch (ArgumentRules.oneOf("delta_type", method, METHODS)) {
            case "adapter":
                return AdapterSpec.builder().modules(m).exclude(x)
                        .bottleneck(intArg(arguments, "bottleneck_dim", AdapterSpec.DEFAULT_BOTTLENECK))
                        .nonLinearity(stringArg(arguments, "non_linearity", AdapterSpec.DEFAULT_NON_LINEARITY))
                        .build();
            case "lora":
                return LoraSpec.builder().modules(m).exclude(x)
                        .r(intArg(arguments, "lora_r", LoraSpec.DEFAULT_R))
                        .alpha(doubleArg(arguments, "lora_alpha", LoraSpec.DEFAULT_ALPHA))
                        .dropout(doubleArg(arguments, "lora_dropout", LoraSpec.DEFAULT_DROPOUT))
                        .build();
            default:
                return BitFitSpec.builder().modules(m).exclude(x).build();
        }
    }

    private static int intArg(Map<String, ?> args, String name, int fallback) {
        Object v = args.get(name);
        return v == null ? fallback : ((Number) v).intValue();
    }

    private static double doubleArg(Map<String, ?> args, String name, double fallback) {
        Object v = args.get(name);
        return v == null ? fallback : ((Number) v).doubleValue();
    }

    private static String stringArg(Map<String, ?> args, String name, String fallback) {
        Object v = args.get(name);
        return v == null ? fallback : v.toString();
    }
}
