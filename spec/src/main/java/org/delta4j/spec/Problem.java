package org.delta4j.spec;

import java.util.Locale;

/**
 * Every problem a tuning spec can have, with its stable tag and message template. The one home for
 * this text: the annotation processor reports these at compile time on the offending attribute, the
 * runtime throws them in a {@link SpecException}. Users can search for a tag such as {@code
 * [delta4j:unknown-module]}.
 */
public enum Problem {
    /** A module pattern that matches no module of the backbone. */
    UNKNOWN_MODULE("unknown-module", "Module pattern \"%s\" matches no module of %s. %s"),
    /** A {@code [r]} pattern whose regular expression does not compile. */
    INVALID_REGEX(
            "invalid-regex",
            "Module pattern \"%s\" is not a valid regular expression: %s near index %d. Patterns starting with [r] "
                    + "are Java regular expressions; escape literal dots as \\\\."),
    /**
     * A regular expression that needs more matching steps on one module path than {@link
     * RegexBudget} allows.
     */
    SLOW_REGEX(
            "slow-regex",
            "%s \"%s\" was stopped after %d steps on module path \"%s\": it backtracks too much, as nested "
                    + "repetition such as (\\\\w+\\\\.?)* and back-references do. Write a simpler pattern, "
                    + "such as one that spells out the path's parts: [r]layers\\\\.[0-9]+\\\\.fc2."),
    /** An empty or blank pattern. */
    EMPTY_PATTERN(
            "empty-pattern",
            "Module pattern \"%s\" is empty. Name a module, such as \"fc2\" or \"[r]layers\\\\.[0-2]\\\\.fc2\"."),
    /** A numeric argument outside its valid range. */
    OUT_OF_RANGE("out-of-range", "%s = %s is out of range: expected %s."),
    /** A name that must be one of a fixed set. */
    UNKNOWN_CHOICE("unknown-choice", "%s = \"%s\" is not supported: expected one of %s."),
    /** A delta with no modules to modify and no defaults for the backbone. */
    NO_MODULES("no-modules", "%s names no modules. Set modules, such as modules = \"fc2\"."),
    /** A backbone that is not in the structure catalogue. */
    UNKNOWN_BACKBONE(
            "unknown-backbone",
            "Backbone \"%s\" is not in the structure catalogue. Known backbones: %s. "
                    + "Or export your model's structure and name it with structure = \"...\"."),
    /** A model class that the catalogue backbone does not have, nor any other. */
    UNKNOWN_MODEL_CLASS(
            "unknown-model-class",
            "modelClass = \"%s\" is not a class delta4j builds for %s. Expected one of %s."),
    /** A model class of another model family than the backbone's, such as GPT-2's on BERT. */
    OTHER_FAMILY(
            "other-family",
            "modelClass = \"%s\" is a class of %s, not of %s, whose classes are %s. Name one of "
                    + "those, or write @Backbone(value = \"%s\", modelClass = \"%s\")."),
    /** A number of labels for a model class without a classification head. */
    NO_CLASSIFIER(
            "no-classifier", "numLabels = %d sizes a classification head, and %s has none. %s"),
    /** An attribute that only backbones of the catalogue take. */
    CATALOGUE_ONLY(
            "catalogue-only",
            "%s applies to catalogue backbones only, and structure = \"%s\" describes a model of "
                    + "its own. Leave %s out; to check another class, export that class's structure "
                    + "(./delta4j structure on a folder whose config.json names it)."),
    /** A structure description that cannot be read. */
    BAD_STRUCTURE("bad-structure", "Structure \"%s\" cannot be read: %s"),
    /** A module a method cannot modify, such as LoRA on a module that is not a linear layer. */
    UNSUPPORTED_MODULE("unsupported-module", "%s cannot modify module \"%s\" of type %s: %s"),
    /** An annotated type that cannot hold a tuning spec, such as an enum or a generic class. */
    SPEC_TYPE(
            "spec-type",
            "%s cannot be a tuning spec: it %s. Annotate a top-level or static nested interface or "
                    + "abstract class without type parameters."),
    /** A delta with no backbone to check its modules against. */
    NO_BACKBONE(
            "no-backbone",
            "%s needs a backbone to check its modules against. Add @Backbone, such as "
                    + "@Backbone(\"facebook/bart-base\")."),
    /** A spec with a backbone or freeze but no delta. */
    NO_DELTA(
            "no-delta",
            "%s has no delta: a spec needs at least one delta annotation, such as @Adapter, @Lora or "
                    + "@BitFit."),
    /**
     * Sizes that a method needs to divide, such as Compacter's hypercomplex division, and do not.
     */
    INDIVISIBLE("indivisible", "%s cannot modify module \"%s\": %s"),
    /** Module patterns of a two-ended method (the parallel adapter) that do not pair up. */
    UNPAIRED("unpaired", "%s"),
    /**
     * Two deltas of one method that modify the same module, such as two LoRAs on one linear layer.
     */
    CONFLICT(
            "conflict",
            "%s and %s both modify module \"%s\"%s: two updates of one method on one module stack "
                    + "into one. Remove the overlap, such as with exclude = \"%s\"."),
    /** A delta annotation written more than once without a name on each. */
    MISSING_NAME(
            "missing-name",
            "%s is written %d times, so each needs a name, such as name = \"%s\": the name "
                    + "prefixes the delta's setters in the generated builder."),
    /** Two deltas with the same name, or a name that another delta's setters already use. */
    DUPLICATE_NAME(
            "duplicate-name",
            "name = \"%s\" is taken by %s. Give every delta its own name: it prefixes "
                    + "the delta's setters in the generated builder."),
    /** A delta name that cannot prefix generated setters. */
    INVALID_NAME(
            "invalid-name",
            "name = \"%s\" is not a valid name: expected a Java identifier that starts with a "
                    + "lower-case letter and is not a keyword, such as \"attn\" or \"ffn\"."),
    /** A failure of the annotation processor itself, not of the spec. */
    PROCESSOR_FAILURE("processor-failure", "Cannot generate the wiring for %s: %s"),
    /**
     * Annotation values or a structure file that the compiler still could not resolve when
     * processing was over, such as a constant of a class that was never generated.
     */
    UNRESOLVED(
            "unresolved",
            "%s cannot be checked, so it gets no wiring: the compiler could not resolve %s. If "
                    + "that is generated code, fix the errors that stopped its generation; otherwise correct the reference.");

    /** Why a type cannot be a spec ({@link #SPEC_TYPE}'s clause after "it"): an enum. */
    public static final String SPEC_ENUM = "is an enum";

    /** Why a type cannot be a spec: an annotation type. */
    public static final String SPEC_ANNOTATION_TYPE = "is an annotation type";

    /** Why a type cannot be a spec: a record. */
    public static final String SPEC_RECORD = "is a record";

    /** Why a type cannot be a spec: another kind of type, named. */
    public static final String SPEC_OTHER_KIND = "is a %s";

    /** Why a type cannot be a spec: a final class. */
    public static final String SPEC_FINAL =
            "is a final class; a spec only describes, so make it an interface or an "
                    + "abstract class";

    /** Why a type cannot be a spec: a local or anonymous class. */
    public static final String SPEC_LOCAL = "is a local class";

    /** Why a type cannot be a spec: a non-static nested class. */
    public static final String SPEC_INNER = "is an inner class; make it static";

    /** Why a type cannot be a spec: a private nested type. */
    public static final String SPEC_PRIVATE = "is private; the wiring beside it must see it";

    /** Why a type cannot be a spec: type parameters. */
    public static final String SPEC_GENERIC = "has type parameters";

    /** How {@link #CONFLICT} names one pattern of a delta: the delta, the pattern. */
    public static final String PATTERN_OF = "%s pattern \"%s\"";

    /** How {@link #CONFLICT} counts the other shared modules. */
    public static final String AND_MORE = " and %d more";

    /** The hint of {@link #NO_CLASSIFIER} when the backbone has a class with one: its name. */
    public static final String USE_CLASSIFIER =
            "Name a class with one, such as modelClass = \"%s\", or leave numLabels out.";

    /** The hint of {@link #NO_CLASSIFIER} when no class of the backbone has one: the backbone. */
    public static final String NO_CLASSIFIER_ON_BACKBONE =
            "No class of %s has one: leave numLabels out.";

    /**
     * The hint appended to {@link #UNKNOWN_MODULE} when a head class of the catalogue backbone has
     * the module: the class, the backbone and the class again.
     */
    public static final String IN_HEAD_CLASS =
            "%s has it: tune that class with @Backbone(value = \"%s\", modelClass = \"%s\").";

    /** The hint of {@link #UNKNOWN_MODULE}: the closest names. */
    public static final String DID_YOU_MEAN = "Did you mean %s?";

    /** The hint of {@link #UNKNOWN_MODULE} when there is nothing to suggest. */
    public static final String NOTHING_TO_SUGGEST = "The backbone has no modules.";

    /**
     * The hint of {@link #UNKNOWN_MODULE} when no name is close: some of the backbone's modules.
     */
    public static final String MODULES_INCLUDE = "The backbone's modules include %s.";

    /**
     * The hint of {@link #UNKNOWN_MODULE} for a pattern that matches only excluded modules: the
     * exclusions.
     */
    public static final String ONLY_EXCLUDED =
            "It matches only excluded modules (exclude = %s); remove the exclusion "
                    + "or name other modules.";

    /**
     * Why a method cannot modify a module that is not a linear layer ({@link #UNSUPPORTED_MODULE}'s
     * last argument): the method's name and the linear layers inside the module, such as {@code
     * "self_attn.q_proj"}.
     */
    public static final String LINEAR_ONLY =
            "%s modifies linear layers only. Name the linear layers inside it, " + "such as %s.";

    /** As {@link #LINEAR_ONLY}, for a module with no linear layer inside: the method's name. */
    public static final String LINEAR_ONLY_NONE_INSIDE =
            "%s modifies linear layers only, and it has none inside.";

    /** Why a method that sizes its layers from a module's output cannot modify it. */
    public static final String OUTPUT_SIZE_UNKNOWN =
            "its output size is unknown. Target a linear layer, a layer norm "
                    + "or a transformer sub-layer.";

    /** Why BitFit cannot modify a module. */
    public static final String NO_BIAS =
            "no module under it has a bias, and none can be given one.";

    /** Why a method that sizes its layers from a module's input and output cannot modify it. */
    public static final String INPUT_OUTPUT_SIZE_UNKNOWN =
            "its input or output size is unknown. Target linear "
                    + "layers, attention blocks or transformer layers.";

    /**
     * Why prefix tuning cannot modify a module; the argument names the attention blocks inside it,
     * if any.
     */
    public static final String ATTENTION_ONLY =
            "prefix tuning modifies attention blocks (such as BartAttention or "
                    + "BertSelfAttention), or a module with one attention block among its children.%s";

    /** The hint appended to {@link #ATTENTION_ONLY}: the attention blocks inside the module. */
    public static final String ATTENTION_INSIDE =
            " Name one of the attention blocks inside it, such as %s.";

    /** Why a soft prompt cannot go on a backbone. */
    public static final String ENCODER_ONLY =
            "soft prompts need a model that embeds its own tokens: an "
                    + "encoder-decoder model (HasEncoder) or one that takes input hooks (TakesNamedInputs), as delta4j's "
                    + "backbones do.";

    /** Why a reduction factor leaves no bottleneck ({@link #INDIVISIBLE}): size, factor, size. */
    public static final String NO_BOTTLENECK =
            "its size %d divided by reductionFactor = %d leaves no bottleneck. Use "
                    + "a reductionFactor of at most %d.";

    /**
     * Why Compacter's sizes do not divide ({@link #INDIVISIBLE}): size, size, factor, bottleneck,
     * division, and the fix.
     */
    public static final String HYPERCOMPLEX_INDIVISIBLE =
            "its size %d and its bottleneck %d / reductionFactor %d = %d "
                    + "must both be divisible by hypercomplexDivision = %d. %s";

    /**
     * The fix appended to {@link #HYPERCOMPLEX_INDIVISIBLE}: the values of each argument that would
     * divide.
     */
    public static final String HYPERCOMPLEX_FIX = "Use %s.";

    /**
     * Two patterns of a parallel adapter that match different numbers of modules ({@link
     * #UNPAIRED}).
     */
    public static final String PAIR_COUNTS =
            "%s pairs \"%s\" with \"%s\", but %d modules match the first and %d "
                    + "the second: %s and %s. Give patterns that match one module for each.";

    /** A parallel adapter pair whose end runs before its start ({@link #UNPAIRED}). */
    public static final String PAIR_ORDER =
            "%s pairs \"%s\" with \"%s\", which comes before it; give the patterns "
                    + "in the order the model runs them.";

    /**
     * How {@link #UNRESOLVED} names a value: its source and the annotation and attribute it is
     * written in, such as {@code Missing.SIZE in @Adapter(bottleneck)}.
     */
    public static final String VALUE_IN = "%s in %s";

    /**
     * How {@link #UNRESOLVED} names a value whose source cannot be seen: the annotation and
     * attribute.
     */
    public static final String VALUE_OF = "the value of %s";

    /**
     * The subject of {@link #NO_MODULES} when the method has defaults but the backbone has no
     * unified names.
     */
    public static final String NO_COMMON_STRUCTURE =
            "%s has default modules %s in unified names, but %s has no "
                    + "common structure, and it";

    private final String tag;
    private final Severity severity;
    private final String template;

    Problem(String tag, String template) {
        this(tag, Severity.ERROR, template);
    }

    Problem(String tag, Severity severity, String template) {
        this.tag = tag;
        this.severity = severity;
        this.template = template;
    }

    /**
     * @return how serious it is; the processor reports it as the compiler diagnostic of this kind
     */
    public Severity severity() {
        return severity;
    }

    /**
     * @return the stable tag, such as {@code [delta4j:unknown-module]}
     */
    public String tag() {
        return "[delta4j:" + tag + "]";
    }

    /**
     * Formats one of the detail templates above, which go inside a problem's message.
     *
     * @param template a detail template, such as {@link #NO_BOTTLENECK}
     * @param args its arguments
     * @return the detail
     */
    public static String detail(String template, Object... args) {
        return String.format(Locale.ROOT, template, args);
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

    /**
     * The exception to throw for this problem.
     *
     * @param args the template's arguments
     * @return an exception whose message is {@link #format formatted} from them
     */
    public SpecException exception(Object... args) {
        return new SpecException(this, format(args), null);
    }

    /**
     * The exception to throw for this problem when one argument's value causes it, so the
     * annotation processor can put the error on that value.
     *
     * @param argument the argument, such as {@code "reductionFactor"}
     * @param args the template's arguments
     * @return an exception whose message is {@link #format formatted} from them
     */
    public SpecException exceptionAbout(String argument, Object... args) {
        return new SpecException(this, format(args), argument);
    }
}
