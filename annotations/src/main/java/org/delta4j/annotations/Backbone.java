package org.delta4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the model a tuning spec is written for. The processor checks every module pattern of the spec's deltas
 * against this model's structure (its module paths), so a pattern that matches nothing fails the build.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Backbone {
    /**
     * The backbone's name in the processor's structure catalogue, such as {@code "facebook/bart-base"}. Default
     * {@code ""}: none, in which case {@link #structure()} must name the structure.
     *
     * @return the catalogue name
     */
    String value() default "";

    /**
     * A structure file exported from the runtime ({@code delta4j-structure/1} JSON), as a resource path on the
     * compile classpath, such as {@code "structures/my-model.structure.json"}; for a model outside the catalogue.
     * When set, the processor checks the spec against this file instead of the catalogue, and {@link #value()}, if
     * also set, only names the backbone. Default {@code ""}: use the catalogue.
     *
     * @return the resource path of the structure file
     */
    String structure() default "";
}
