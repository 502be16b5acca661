package org.delta4j.processor.model;

import java.lang.annotation.Annotation;
import java.util.List;
import org.delta4j.annotations.Adapter;
import org.delta4j.annotations.BitFit;
import org.delta4j.annotations.Compacter;
import org.delta4j.annotations.Freeze;
import org.delta4j.annotations.Lora;
import org.delta4j.annotations.LowRankAdapter;
import org.delta4j.annotations.ParallelAdapter;
import org.delta4j.annotations.Prefix;
import org.delta4j.annotations.SoftPrompt;
import org.delta4j.spec.Method;
import org.delta4j.spec.TargetRules;

/**
 * The spec annotations that each become one runtime builder: the deltas and the freeze. Each attribute (but a
 * delta's {@code name}, which only names its setters) maps to the builder's setter of the same name, and is checked
 * by the rule that setter applies; each delta's modules are checked by its method's rule on the backbone.
 */
public enum Kind {
    /** {@code @Lora}, built by {@code LoraSpec.Builder}. */
    LORA(Lora.class, Lora.List.class, Method.LORA, "lora", "org.delta4j.delta.lora", "LoraSpec",
            Targeting.MODULES, (subject, s, m, v) -> {
                TargetRules.linear(Method.LORA, subject, s, m);
                return m.path();
            }, Attributes.addressed(
                    Attributes.atLeastOne("r", "the rank"),
                    Attributes.positive("alpha", "the scaling numerator"),
                    Attributes.dropout("dropout", "the dropout probability on the LoRA path"))),
    /** {@code @Adapter}, built by {@code AdapterSpec.Builder}. */
    ADAPTER(Adapter.class, Adapter.List.class, Method.ADAPTER, "adapter", "org.delta4j.delta.adapter", "AdapterSpec",
            Targeting.MODULES, (subject, s, m, v) -> {
                TargetRules.hidden(subject, m);
                return m.path();
            }, Attributes.addressed(
                    Attributes.atLeastOne("bottleneck", "the bottleneck size"),
                    Attributes.NON_LINEARITY)),
    /** {@code @BitFit}, built by {@code BitFitSpec.Builder}. */
    BITFIT(BitFit.class, null, Method.BITFIT, "bitFit", "org.delta4j.delta.bitfit", "BitFitSpec",
            Targeting.MODULES, (subject, s, m, v) -> {
                TargetRules.biases(subject, s, m);
                return m.path();
            }, Attributes.addressed()),
    /** {@code @LowRankAdapter}, built by {@code LowRankAdapterSpec.Builder}. */
    LOW_RANK_ADAPTER(LowRankAdapter.class, LowRankAdapter.List.class, Method.LOW_RANK_ADAPTER, "lowRankAdapter",
            "org.delta4j.delta.lowrank", "LowRankAdapterSpec", Targeting.MODULES, (subject, s, m, v) -> {
                TargetRules.bottleneck(subject, m, (Integer) v.get("reductionFactor"));
                return m.path();
            }, Attributes.addressed(
                    Attributes.atLeastOne("reductionFactor", "the module's size divided by this is the bottleneck"),
                    Attributes.atLeastOne("rank", "the rank of each projection's weight"),
                    Attributes.NON_LINEARITY)),
    /** {@code @Compacter}, built by {@code CompacterSpec.Builder}. */
    COMPACTER(Compacter.class, Compacter.List.class, Method.COMPACTER, "compacter", "org.delta4j.delta.compacter",
            "CompacterSpec", Targeting.MODULES, (subject, s, m, v) -> {
                TargetRules.hypercomplex(subject, m, (Integer) v.get("reductionFactor"),
                        (Integer) v.get("hypercomplexDivision"));
                return m.path();
            }, Attributes.addressed(
                    Attributes.atLeastOne("reductionFactor", "the module's size divided by this is the bottleneck"),
                    Attributes.atLeastOne("hypercomplexDivision",
                            "the number of Kronecker terms, dividing the module's size and the bottleneck"),
                    Attributes.atLeastOne("phmRank", "the rank of each factorised weight"),
                    Attributes.NON_LINEARITY)),
    /** {@code @ParallelAdapter}, built by {@code ParallelAdapterSpec.Builder}. */
    PARALLEL_ADAPTER(ParallelAdapter.class, ParallelAdapter.List.class, Method.PARALLEL_ADAPTER, "parallelAdapter",
            "org.delta4j.delta.paralleladapter", "ParallelAdapterSpec", Targeting.PAIRS, (subject, s, m, v) -> {
                TargetRules.inAndOut(subject, m);
                return m.path();
            }, Attributes.addressed(
                    Attributes.atLeastOne("bottleneck", "the bottleneck size"),
                    Attributes.NON_LINEARITY,
                    Attributes.positive("scaled", "the factor on the adapter's output"))),
    /** {@code @Prefix}, built by {@code PrefixSpec.Builder}. */
    PREFIX(Prefix.class, Prefix.List.class, Method.PREFIX, "prefix", "org.delta4j.delta.prefix", "PrefixSpec",
            Targeting.MODULES, (subject, s, m, v) -> TargetRules.attention(subject, s, m).path(),
            Attributes.addressed(
                    Attributes.atLeastOne("prefixTokenNum", "the number of prefix tokens"),
                    Attributes.flag("reparameterize", "whether an MLP computes the prefixes"),
                    Attributes.atLeastOne("embedDim", "the reparameterisation's embedding size"),
                    Attributes.atLeastOne("midDim", "the reparameterisation's hidden size"))),
    /** {@code @SoftPrompt}, built by {@code SoftPromptSpec.Builder}. */
    SOFT_PROMPT(SoftPrompt.class, null, Method.SOFT_PROMPT, "softPrompt", "org.delta4j.delta.softprompt",
            "SoftPromptSpec", Targeting.ENCODER, ModuleRule.ANY, List.of(
                    Attributes.atLeastOne("softTokenNum", "the number of soft tokens"),
                    Attributes.positive("initRange", "the range of the uniform initialisation"),
                    Attributes.flag("tokenInit", "whether the soft tokens start as token embeddings"))),
    /** {@code @Freeze}, built by {@code FreezeSpec.Builder}. */
    FREEZE(Freeze.class, null, null, "freeze", "org.delta4j.delta", "FreezeSpec", Targeting.NONE, ModuleRule.ANY,
            List.of(Attribute.FREEZE_EXCLUDE,
                    Attributes.flag("setStateDict", "whether the state dict keeps only trainable parameters")));

    private final String annotationName;
    private final String containerName;
    private final String simpleName;
    private final Method method;
    private final String prefix;
    private final String runtimePackage;
    private final String runtimeType;
    private final Targeting targeting;
    private final ModuleRule rule;
    private final List<Attribute> attributes;

    Kind(Class<? extends Annotation> annotation, Class<? extends Annotation> container, Method method, String prefix,
            String runtimePackage, String runtimeType, Targeting targeting, ModuleRule rule,
            List<Attribute> attributes) {
        this.annotationName = annotation.getCanonicalName();
        this.containerName = container == null ? null : container.getCanonicalName();
        this.simpleName = annotation.getSimpleName();
        this.method = method;
        this.prefix = prefix;
        this.runtimePackage = runtimePackage;
        this.runtimeType = runtimeType;
        this.targeting = targeting;
        this.rule = rule;
        this.attributes = attributes;
    }

    /** @return the annotation's qualified name */
    public String annotationName() {
        return annotationName;
    }

    /** @return the qualified name of the container javac wraps repeated annotations in, or {@code null} */
    public String containerName() {
        return containerName;
    }

    /** @return whether the annotation may be written more than once, each with a {@code name} */
    public boolean isRepeatable() {
        return containerName != null;
    }

    /** @return how messages and Javadoc name the annotation, such as {@code @Adapter} */
    public String displayName() {
        return "@" + simpleName;
    }

    /** @return the delta method, or {@code null} for the freeze */
    public Method method() {
        return method;
    }

    /** @return the prefix of the generated builder's field and setters when unnamed, such as {@code adapter} */
    public String prefix() {
        return prefix;
    }

    /** @return the package of the runtime spec type */
    public String runtimePackage() {
        return runtimePackage;
    }

    /** @return the runtime spec type's simple name; its nested {@code Builder} is what the attributes set */
    public String runtimeType() {
        return runtimeType;
    }

    /** @return whether this is a delta, added to the tuning spec, rather than the freeze */
    public boolean isDelta() {
        return method != null;
    }

    /** @return how the delta chooses its modules */
    public Targeting targeting() {
        return targeting;
    }

    /** @return the rule each module the delta modifies must satisfy */
    public ModuleRule rule() {
        return rule;
    }

    /** @return the attributes set on the runtime builder, in the annotation's declaration order */
    public List<Attribute> attributes() {
        return attributes;
    }

    /**
     * @param annotationName a qualified annotation name
     * @return the kind with that annotation, or {@code null}
     */
    public static Kind forAnnotation(String annotationName) {
        for (Kind k : values()) {
            if (k.annotationName.equals(annotationName)) {
                return k;
            }
        }
        return null;
    }

    /**
     * @param containerName a qualified annotation name
     * @return the kind whose repeated annotations that container holds, or {@code null}
     */
    public static Kind forContainer(String containerName) {
        for (Kind k : values()) {
            if (containerName.equals(k.containerName)) {
                return k;
            }
        }
        return null;
    }
}
