package org.delta4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the model a tuning spec is written for. The processor checks the spec's deltas against this
 * model's structure (its module paths, types, sizes and unified names), so a pattern that matches
 * nothing, a method on a module it cannot modify, or sizes that do not divide fail the build.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Backbone {
    /**
     * The backbone's name in the processor's structure catalogue: {@code "facebook/bart-base"},
     * {@code "bert-base-uncased"}, {@code "bert-base-cased"}, {@code "roberta-base"} or {@code
     * "distilbert-base-uncased"}. Default {@code ""}: none, in which case {@link #structure()} must
     * name the structure.
     *
     * @return the catalogue name
     */
    String value() default "";

    /**
     * A structure file exported from the runtime ({@code delta4j-structure/1} JSON, written by
     * {@code StructureExport} or {@code ./delta4j structure}) from any model, a DJL model of your
     * own included, as a resource path on the compile classpath, such as {@code
     * "structures/my-model.structure.json"}, read through the compiler's filer. When set, the
     * processor checks the spec against this file instead of the catalogue, and {@link #value()},
     * if also set, only names the backbone. Default {@code ""}: use the catalogue.
     *
     * @return the resource path of the structure file
     */
    String structure() default "";
}
