package org.delta4j.spec;

import java.util.Locale;

/**
 * Every problem a tuning spec can have, with its stable tag and message template. The one home for this text:
 * the annotation processor reports these at compile time on the offending attribute, the runtime throws them in a
 * {@link SpecException}. Users can search for a tag such as {@code [delta4j:unknown-module]}.
 */
public enum Problem {
    /** A module pattern that matches no module of the backbone. */
    UNKNOWN_MODULE("unknown-module", "Module pattern \"%s\" matches no module of %s. %s"),
    /** A {@code [r]} pattern whose regular expression does not compile. */
    INVALID_REGEX(
            "invalid-regex",
            "Module pattern \"%s\" is not a valid regular expression: %s near index %d. Patterns starting with [r] "
                    + "are Java regular expressions; escape literal dots as \\\\."),
    /** An empty or blank pattern. */
    EMPTY_PATTERN("empty-pattern", "Module pattern \"%s\" is empty. Name a module, such as \"fc2\" or \"[r]layers\\\\.[0-2]\\\\.fc2\"."),
    /** A numeric argument outside its valid range. */
    OUT_OF_RANGE("out-of-range", "%s = %s is out of range: expected %s."),
    /** A name that must be one of a fixed set. */
    UNKNOWN_CHOICE("unknown-choice", "%s = \"%s\" is not supported: expected one of %s."),
    /** A delta with no modules to modify and no defaults for the backbone. */
    NO_MODULES("no-modules", "%s names no modules. Set modules, such as modules = \"fc2\"."),
    /** A backbone that is not in the structure catalogue. */
    UNKNOWN_BACKBONE("unknown-backbone", "Backbone \"%s\" is not in the structure catalogue. Known backbones: %s. "
            + "Or export your model's structure and name it with structure = \"...\"."),
    /** A structure description that cannot be read. */
    BAD_STRUCTURE("bad-structure", "Structure \"%s\" cannot be read: %s"),
    /** A module a method cannot modify, such as LoRA on a module that is not a linear layer. */
    UNSUPPORTED_MODULE("unsupported-module", "%s cannot modify module \"%s\" of type %s: %s"),
    /** An annotated type that cannot hold a tuning spec, such as an enum or a generic class. */
    SPEC_TYPE("spec-type", "%s cannot be a tuning spec: it %s. Annotate a top-level or static nested interface or "
            + "class without type parameters."),
    /** A delta with no backbone to check its modules against. */
    NO_BACKBONE("no-backbone", "%s needs a backbone to check its modules against. Add @Backbone, such as "
            + "@Backbone(\"facebook/bart-base\")."),
    /** A spec with a backbone or freeze but no delta. */
    NO_DELTA("no-delta", "%s has no delta: a spec needs at least one delta annotation, such as @Adapter, @Lora or "
            + "@BitFit."),
    /** Sizes that a method needs to divide, such as Compacter's hypercomplex division, and do not. */
    INDIVISIBLE("indivisible", "%s cannot modify module \"%s\": %s"),
    /** Module patterns of a two-ended method (the parallel adapter) that do not pair up. */
    UNPAIRED("unpaired", "%s"),
    /** A failure of the annotation processor itself, not of the spec. */
    PROCESSOR_FAILURE("processor-failure", "Cannot generate the wiring for %s: %s");

    private final String tag;
    private final String template;

    Problem(String tag, String template) {
        this.tag = tag;
        this.template = template;
    }

    /** @return the stable tag, such as {@code [delta4j:unknown-module]} */
    public String tag() {
        return "[delta4j:" + tag + "]";
    }

    /**
     * Formats the message, prefixed by the tag.
     *
     * @param args the template's arguments
     * @return the message
     */
    public String format(Object... args) {
        return tag() + " " + String.format(Locale.ROOT, template, args);
    }
}
