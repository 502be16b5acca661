package org.delta4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Compacter (Karimi Mahabadi et al.), as OpenDelta's {@code CompacterModel} with its defaults: an
 * adapter after each selected module whose projections are parameterised hypercomplex
 * multiplications with shared, learned rule matrices and factorised weights. The bottleneck is
 * {@code size / reductionFactor}; the processor checks against the backbone's sizes that both the
 * module's size and the bottleneck are divisible by {@code hypercomplexDivision}, and offers values
 * that are. Repeatable, with a name on each.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(Compacter.List.class)
public @interface Compacter {
    /**
     * This delta's name: required, and unique among the spec's deltas, when {@code @Compacter} is
     * written more than once. A Java identifier starting with a lower-case letter, such as {@code
     * "ffn"}; it prefixes this delta's setters in the generated builder ({@code ffnModules(...)}),
     * which are otherwise prefixed {@code compacter}. Default {@code ""}: unnamed.
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
     * reduction_factor}). Default {@code 16}.
     *
     * @return the reduction factor
     */
    int reductionFactor() default 16;

    /**
     * The number of Kronecker terms {@code n}, at least 1; it must divide the module's size and the
     * bottleneck (OpenDelta's {@code hypercomplex_division}). Default {@code 4}.
     *
     * @return the hypercomplex division
     */
    int hypercomplexDivision() default 4;

    /**
     * The rank of each factorised weight, at least 1 (OpenDelta's {@code phm_rank}). Default {@code
     * 1}.
     *
     * @return the rank
     */
    int phmRank() default 1;

    /**
     * The non-linearity between the down and up projections, by OpenDelta's names: {@code
     * gelu_new}, {@code gelu}, {@code gelu_orig}, {@code relu}, {@code tanh}, {@code swish} or
     * {@code leakyrelu}. Default {@code "gelu_new"}.
     *
     * @return the non-linearity's name
     */
    String nonLinearity() default "gelu_new";

    /**
     * The container of repeated {@code @Compacter} annotations, which javac makes; write them one
     * by one.
     */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.TYPE)
    @interface List {
        /**
         * @return the annotations, in the order written
         */
        Compacter[] value();
    }
}
