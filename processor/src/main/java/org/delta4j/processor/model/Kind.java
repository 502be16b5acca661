package org.delta4j.processor.model;

import java.lang.annotation.Annotation;
import java.util.List;
import org.delta4j.annotations.Adapter;
import org.delta4j.annotations.BitFit;
import org.delta4j.annotations.Freeze;
import org.delta4j.annotations.Lora;
import org.delta4j.spec.ArgumentRules;

/**
 * The spec annotations that each become one runtime builder: the deltas and the freeze. Each attribute maps to the
 * builder's setter of the same name, and is checked by the rule that setter applies.
 */
public enum Kind {
    /** {@code @Adapter}, built by {@code AdapterSpec.Builder}. */
    ADAPTER(Adapter.class, "adapter", "org.delta4j.delta.adapter", "AdapterSpec", true, List.of(
            Attribute.MODULES,
            Attribute.EXCLUDE,
            new Attribute("bottleneck", ValueType.INT, "the bottleneck size, at least 1",
                    (name, value) -> ArgumentRules.atLeastOne(name, (Integer) value)),
            new Attribute("nonLinearity", ValueType.STRING, "the non-linearity's name",
                    (name, value) -> ArgumentRules.oneOf(name, (String) value, ArgumentRules.NON_LINEARITIES)))),
    /** {@code @Lora}, built by {@code LoraSpec.Builder}. */
    LORA(Lora.class, "lora", "org.delta4j.delta.lora", "LoraSpec", true, List.of(
            Attribute.MODULES,
            Attribute.EXCLUDE,
            new Attribute("r", ValueType.INT, "the rank, at least 1",
                    (name, value) -> ArgumentRules.atLeastOne(name, (Integer) value)),
            new Attribute("alpha", ValueType.DOUBLE, "the scaling numerator, greater than 0",
                    (name, value) -> ArgumentRules.positive(name, (Double) value)),
            new Attribute("dropout", ValueType.DOUBLE, "the dropout probability on the LoRA path, in [0, 1)",
                    (name, value) -> ArgumentRules.dropout(name, (Double) value)))),
    /** {@code @BitFit}, built by {@code BitFitSpec.Builder}. */
    BITFIT(BitFit.class, "bitFit", "org.delta4j.delta.bitfit", "BitFitSpec", true, List.of(
            Attribute.MODULES,
            Attribute.EXCLUDE)),
    /** {@code @Freeze}, built by {@code FreezeSpec.Builder}. */
    FREEZE(Freeze.class, "freeze", "org.delta4j.delta", "FreezeSpec", false, List.of(
            Attribute.FREEZE_EXCLUDE,
            new Attribute("setStateDict", ValueType.BOOLEAN,
                    "whether the state dict keeps only trainable parameters", Attribute.ANY)));

    private final String annotationName;
    private final String simpleName;
    private final String prefix;
    private final String runtimePackage;
    private final String runtimeType;
    private final boolean delta;
    private final List<Attribute> attributes;

    Kind(Class<? extends Annotation> annotation, String prefix, String runtimePackage, String runtimeType,
            boolean delta, List<Attribute> attributes) {
        this.annotationName = annotation.getCanonicalName();
        this.simpleName = annotation.getSimpleName();
        this.prefix = prefix;
        this.runtimePackage = runtimePackage;
        this.runtimeType = runtimeType;
        this.delta = delta;
        this.attributes = attributes;
    }

    /** @return the annotation's qualified name */
    public String annotationName() {
        return annotationName;
    }

    /** @return how messages and Javadoc name the annotation, such as {@code @Adapter} */
    public String displayName() {
        return "@" + simpleName;
    }

    /** @return the prefix of the generated builder's field and setters, such as {@code adapter} */
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
        return delta;
    }

    /** @return the attributes, in the annotation's declaration order */
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
}
