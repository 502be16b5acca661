package org.delta4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Freezes the backbone after the deltas are attached, as OpenDelta's {@code freeze_module(exclude,
 * set_state_dict)}: every parameter stops training except those under a module that an exclude
 * pattern matches, those whose own path matches one, and, with the keyword {@code "deltas"}, every
 * delta parameter. Without this annotation nothing is frozen.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Freeze {
    /**
     * What stays trainable: the keyword {@code "deltas"} (every delta parameter) and module or
     * parameter patterns by OpenDelta's addressing rules, such as {@code "layernorm_embedding"}.
     * Each pattern must match a module or parameter of the backbone, or a layer the spec's deltas
     * add (such as {@code "adapter"}). Default {@code {"deltas"}}.
     *
     * @return the keyword and patterns to keep trainable
     */
    String[] exclude() default {"deltas"};

    /**
     * Whether the backbone's state dict then holds only the parameters that stay trainable, so a
     * checkpoint saves only those (OpenDelta's {@code set_state_dict}). Default {@code true}.
     *
     * @return whether the state dict keeps only trainable parameters
     */
    boolean setStateDict() default true;
}
