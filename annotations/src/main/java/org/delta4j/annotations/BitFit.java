package org.delta4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * BitFit (Ben Zaken et al.), as OpenDelta's {@code BitFitModel}: trains the biases of the selected
 * modules and of everything under them, adding a zero bias where a linear module has none. Written
 * once: it has no arguments that two could differ in, so one {@code @BitFit} names all its modules.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface BitFit {
    /**
     * The modules to modify, by OpenDelta's addressing rules, such as {@code {"encoder",
     * "decoder"}}, or by unified names such as {@code "attn.q"} (OpenDelta's {@code
     * modified_modules}). Each pattern must match at least one module of the backbone. Default
     * {@code {}}: OpenDelta's default modules, {@code attn}, {@code ff} and {@code layer_norm} in
     * unified names, which needs a backbone whose structure has unified names (every catalogue
     * backbone has).
     *
     * @return the module patterns
     */
    String[] modules() default {};

    /**
     * Module path prefixes never modified (OpenDelta's {@code exclude_modules}). Default {@code
     * {"lm_head"}}.
     *
     * @return the excluded path prefixes
     */
    String[] exclude() default {"lm_head"};
}
