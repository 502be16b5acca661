package org.delta4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * LoRA (Hu et al.) in parallel to each selected linear module, as OpenDelta's {@code LoraModel}: the output gains
 * {@code dropout(x) A^T B^T * alpha / r}, with {@code B} starting at zero.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Lora {
    /**
     * The modules to modify, by OpenDelta's addressing rules, such as {@code {"q_proj", "v_proj"}}
     * (OpenDelta's {@code modified_modules}). Each pattern must match at least one module of the backbone.
     * Default {@code {}}: none, which is an error until default targets per architecture exist.
     *
     * @return the module patterns
     */
    String[] modules() default {};

    /**
     * Module path prefixes never modified (OpenDelta's {@code exclude_modules}). Default {@code {"lm_head"}}.
     *
     * @return the excluded path prefixes
     */
    String[] exclude() default {"lm_head"};

    /**
     * The rank of the update, at least 1 (OpenDelta's {@code lora_r}). Default {@code 8}.
     *
     * @return the rank
     */
    int r() default 8;

    /**
     * The scaling numerator, a finite number greater than 0; the update is scaled by {@code alpha / r}
     * (OpenDelta's {@code lora_alpha}). Default {@code 16}.
     *
     * @return the scaling numerator
     */
    double alpha() default 16;

    /**
     * The dropout probability on the LoRA path, in [0, 1) (OpenDelta's {@code lora_dropout}). Default {@code 0}.
     *
     * @return the dropout probability
     */
    double dropout() default 0.0;
}
