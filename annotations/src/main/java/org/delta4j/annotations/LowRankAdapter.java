package org.delta4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A low-rank adapter, as OpenDelta's {@code LowRankAdapterModel}: an adapter after each selected
 * module whose two projections have rank-{@code rank} weights and bottleneck {@code size /
 * reductionFactor}. Repeatable, with a name on each. Every selected module must have a known output
 * size of at least {@code reductionFactor}, and no two {@code @LowRankAdapter} may select the same
 * module.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(LowRankAdapter.List.class)
public @interface LowRankAdapter {
    /**
     * This delta's name: required, and unique among the spec's deltas, when {@code @LowRankAdapter}
     * is written more than once. A Java identifier starting with a lower-case letter, such as
     * {@code "ffn"}; it prefixes this delta's setters in the generated builder ({@code
     * ffnModules(...)}), which are otherwise prefixed {@code lowRankAdapter}. Default {@code ""}:
     * unnamed.
     *
     * @return the name
     */
    String name() default "";

    /**
     * The modules to modify, by OpenDelta's addressing rules, such as {@code "fc2"}, or by unified
     * names such as {@code "attn.q"} (OpenDelta's {@code modified_modules}). Each pattern must
     * match at least one module of the backbone. Default {@code {}}: OpenDelta's default modules,
     * {@code attn.proj} and {@code ff.w2} in unified names, which needs a backbone whose structure
     * has unified names (every catalogue backbone has).
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
     * The module's size divided by this is the bottleneck; at least 1 (OpenDelta's {@code
     * reduction_factor}). Default {@code 32}.
     *
     * @return the reduction factor
     */
    int reductionFactor() default 32;

    /**
     * The rank of each projection's weight, at least 1 (OpenDelta's {@code low_rank_rank}). Default
     * {@code 1}.
     *
     * @return the rank
     */
    int rank() default 1;

    /**
     * The non-linearity between the down and up projections, by OpenDelta's names: {@code
     * gelu_new}, {@code gelu}, {@code gelu_orig}, {@code relu}, {@code tanh}, {@code swish} or
     * {@code leakyrelu}. Default {@code "gelu_new"}.
     *
     * @return the non-linearity's name
     */
    String nonLinearity() default "gelu_new";

    /**
     * The container of repeated {@code @LowRankAdapter} annotations, which javac makes; write them
     * one by one.
     */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.TYPE)
    @interface List {
        /**
         * @return the annotations, in the order written
         */
        LowRankAdapter[] value();
    }
}
