package org.delta4j.delta.methods;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.delta4j.delta.AbstractDeltaSpecBuilder;
import org.delta4j.delta.adapter.AdapterSpec;
import org.delta4j.delta.bitfit.BitFitSpec;
import org.delta4j.delta.compacter.CompacterSpec;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.delta.lowrank.LowRankAdapterSpec;
import org.delta4j.delta.paralleladapter.ParallelAdapterSpec;
import org.delta4j.delta.prefix.PrefixSpec;
import org.delta4j.delta.softprompt.SoftPromptSpec;
import org.delta4j.spec.Method;

/**
 * Where the runtime finds each method's implementation: one line per {@link Method}, naming its
 * spec's builder. The only runtime class that knows every method's package, so the core ({@code
 * org.delta4j.delta}) knows none.
 */
public final class MethodRegistry {
    private static final Map<Method, Supplier<AbstractDeltaSpecBuilder<?>>> BUILDERS =
            new EnumMap<>(Method.class);

    static {
        BUILDERS.put(Method.LORA, LoraSpec::builder);
        BUILDERS.put(Method.ADAPTER, AdapterSpec::builder);
        BUILDERS.put(Method.BITFIT, BitFitSpec::builder);
        BUILDERS.put(Method.LOW_RANK_ADAPTER, LowRankAdapterSpec::builder);
        BUILDERS.put(Method.COMPACTER, CompacterSpec::builder);
        BUILDERS.put(Method.PARALLEL_ADAPTER, ParallelAdapterSpec::builder);
        BUILDERS.put(Method.PREFIX, PrefixSpec::builder);
        BUILDERS.put(Method.SOFT_PROMPT, SoftPromptSpec::builder);
    }

    private MethodRegistry() {}

    /**
     * @param method a delta method
     * @return a new builder of its spec, with OpenDelta's defaults
     * @throws IllegalStateException when the method has no implementation registered here
     */
    public static AbstractDeltaSpecBuilder<?> builder(Method method) {
        Supplier<AbstractDeltaSpecBuilder<?>> builder = BUILDERS.get(method);
        if (builder == null) {
            throw new IllegalStateException(
                    method.title()
                            + " has no runtime implementation: register its spec's "
                            + "builder in "
                            + MethodRegistry.class.getName()
                            + ".");
        }
        return builder.get();
    }
}
