package org.delta4j.spec;

import java.util.Arrays;
import java.util.List;

/**
 * The delta methods, each registered here by its {@link MethodDeclaration}: the one place that says
 * what a method is, which the processor, the runtime and the documentation read. Adding a method
 * means a declaration class, a line here, and the method's runtime package (registered in the
 * runtime's method registry).
 */
public enum Method {
    /** LoRA. */
    LORA(LoraDeclaration.DECLARATION),
    /** The bottleneck adapter. */
    ADAPTER(AdapterDeclaration.DECLARATION),
    /** BitFit. */
    BITFIT(BitFitDeclaration.DECLARATION),
    /** The low-rank adapter. */
    LOW_RANK_ADAPTER(LowRankAdapterDeclaration.DECLARATION),
    /** Compacter; its layers keep OpenDelta's spelling, {@code compactor}. */
    COMPACTER(CompacterDeclaration.DECLARATION),
    /** The parallel adapter; its default pairs span each attention block and each feed-forward. */
    PARALLEL_ADAPTER(ParallelAdapterDeclaration.DECLARATION),
    /** Prefix tuning. */
    PREFIX(PrefixDeclaration.DECLARATION),
    /** Prompt tuning, which takes no modules: it goes on the encoder. */
    SOFT_PROMPT(SoftPromptDeclaration.DECLARATION);

    /**
     * The layer prefix tuning adds on its first target, computing every prefix (OpenDelta's {@code
     * reparams}).
     */
    public static final String REPARAMS_LAYER = "reparams";

    private final MethodDeclaration declaration;

    Method(MethodDeclaration declaration) {
        this.declaration = declaration;
    }

    /**
     * @return everything about the method: its annotation, runtime type, targeting, arguments and
     *     config
     */
    public MethodDeclaration declaration() {
        return declaration;
    }

    /**
     * @return OpenDelta's name for the method, as in checkpoints: {@code lora}, {@code adapter},
     *     ...
     */
    public String id() {
        return declaration.id();
    }

    /**
     * @return how messages call it, such as {@code LoRA}
     */
    public String title() {
        return declaration.title();
    }

    /**
     * @return the name its layers get on a module, such as {@code lora}
     */
    public String layerName() {
        return declaration.layerName();
    }

    /**
     * @return the modules it modifies when a spec names none, in unified names; empty for soft
     *     prompts
     */
    public List<String> defaultModules() {
        return declaration.defaultModules();
    }

    /**
     * @param id OpenDelta's name for a method, such as {@code lora}
     * @return the method
     * @throws SpecException tagged {@link Problem#UNKNOWN_CHOICE} about {@code delta_type}, listing
     *     the methods
     */
    public static Method ofId(String id) {
        List<String> ids = ids();
        return values()[ids.indexOf(ArgumentRules.oneOf("delta_type", id, ids))];
    }

    /**
     * @return every method's id, in declaration order
     */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Method::id).toList();
    }
}
