package org.delta4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * LoRA (Hu et al.) in parallel to each selected linear layer, as OpenDelta's {@code LoraModel}: the
 * output gains {@code dropout(x) A^T B^T * alpha / r}, with {@code B} starting at zero. Repeatable,
 * with a name on each:
 *
 * <pre>{@code
 * @Lora(name = "attn", modules = {"q_proj", "v_proj"}, r = 8)
 * @Lora(name = "ffn", modules = "fc1", r = 4)
 * }</pre>
 *
 * <p>Every selected module must be a linear layer, and no two {@code @Lora} may select the same
 * module.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(Lora.List.class)
public @interface Lora {
    /**
     * This delta's name: required, and unique among the spec's deltas, when {@code @Lora} is
     * written more than once. A Java identifier starting with a lower-case letter, such as {@code
     * "attn"}; it prefixes this delta's setters in the generated builder ({@code
     * attnModules(...)}), which are otherwise prefixed {@code lora}. Default {@code ""}: unnamed.
     *
     * @return the name
     */
    String name() default "";

    /**
     * The modules to modify, by OpenDelta's addressing rules, such as {@code {"q_proj", "v_proj"}},
     * or by unified names such as {@code "attn.q"} (OpenDelta's {@code modified_modules}). Each
     * pattern must match at least one module of the backbone. Default {@code {}}: OpenDelta's
     * default modules, {@code attn.q} and {@code attn.v} in unified names, which needs a backbone
     * whose structure has unified names (every catalogue backbone has).
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

    /**
     * The rank of the update, at least 1 (OpenDelta's {@code lora_r}). Default {@code 8}.
     *
     * @return the rank
     */
    int r() default 8;

    /**
     * The scaling numerator, a finite number greater than 0; the update is scaled by {@code alpha /
     * r} (OpenDelta's {@code lora_alpha}). Default {@code 16}.
     *
     * @return the scaling numerator
     */
    double alpha() default 16;

    /**
     * The dropout probability on the LoRA path, in [0, 1) (OpenDelta's {@code lora_dropout}).
     * Default {@code 0}.
     *
     * @return the dropout probability
     */
    double dropout() default 0.0;

    /**
     * The container of repeated {@code @Lora} annotations, which javac makes; write them one by
     * one.
     */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.TYPE)
    @interface List {
        /**
         * @return the annotations, in the order written
         */
        Lora[] value();
    }
}
