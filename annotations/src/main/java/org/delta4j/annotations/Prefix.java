package org.delta4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Prefix tuning (Li and Liang), as OpenDelta's {@code PrefixModel}: trainable keys and values in
 * front of each selected attention block's own, by default computed through an MLP. A selected
 * module must be an attention block (such as {@code BartAttention} or {@code BertSelfAttention}) or
 * have exactly one among its children, and no two {@code @Prefix} may reach the same attention
 * block. Repeatable, with a name on each, such as different prefix lengths for the encoder and the
 * decoder.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(Prefix.List.class)
public @interface Prefix {
    /**
     * This delta's name: required, and unique among the spec's deltas, when {@code @Prefix} is
     * written more than once. A Java identifier starting with a lower-case letter, such as {@code
     * "decoder"}; it prefixes this delta's setters in the generated builder ({@code
     * decoderModules(...)}), which are otherwise prefixed {@code prefix}. Default {@code ""}:
     * unnamed.
     *
     * @return the name
     */
    String name() default "";

    /**
     * The modules to modify, by OpenDelta's addressing rules, such as {@code "self_attn"}, or by
     * unified names such as {@code "attn.q"} (OpenDelta's {@code modified_modules}). Each pattern
     * must match at least one module of the backbone. Default {@code {}}: OpenDelta's default
     * modules, {@code attn} in unified names, which needs a backbone whose structure has unified
     * names (every catalogue backbone has).
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
     * The number of prefix tokens, at least 1 (OpenDelta's {@code prefix_token_num}). Default
     * {@code 6}.
     *
     * @return the number of prefix tokens
     */
    int prefixTokenNum() default 6;

    /**
     * Whether an MLP computes the prefixes (OpenDelta's {@code reparameterize}). Default {@code
     * true}.
     *
     * @return whether the prefixes are reparameterised
     */
    boolean reparameterize() default true;

    /**
     * The reparameterisation's embedding size, at least 1 (OpenDelta's {@code embed_dim}). Default
     * {@code 512}.
     *
     * @return the embedding size
     */
    int embedDim() default 512;

    /**
     * The reparameterisation's hidden size, at least 1 (OpenDelta's {@code mid_dim}). Default
     * {@code 512}.
     *
     * @return the hidden size
     */
    int midDim() default 512;

    /**
     * The container of repeated {@code @Prefix} annotations, which javac makes; write them one by
     * one.
     */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.TYPE)
    @interface List {
        /**
         * @return the annotations, in the order written
         */
        Prefix[] value();
    }
}
