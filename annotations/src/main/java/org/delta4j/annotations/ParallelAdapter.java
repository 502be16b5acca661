package org.delta4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A parallel adapter (He et al.), as OpenDelta's {@code ParallelAdapterModel}: an adapter from one
 * module's input to another's output, added to that output. The module patterns are read in pairs
 * (from, to): {@code modules = {"self_attn", "self_attn", "fc1", "fc2"}} spans each self-attention
 * block, and each feed-forward from {@code fc1}'s input to {@code fc2}'s output; an odd last
 * pattern spans the modules it matches. Both patterns of a pair must match as many modules, each
 * end at or after its start, and every module must have known input and output sizes. Repeatable,
 * with a name on each.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(ParallelAdapter.List.class)
public @interface ParallelAdapter {
    /**
     * This delta's name: required, and unique among the spec's deltas, when
     * {@code @ParallelAdapter} is written more than once. A Java identifier starting with a
     * lower-case letter, such as {@code "ffn"}; it prefixes this delta's setters in the generated
     * builder ({@code ffnModules(...)}), which are otherwise prefixed {@code parallelAdapter}.
     * Default {@code ""}: unnamed.
     *
     * @return the name
     */
    String name() default "";

    /**
     * The modules to modify, by OpenDelta's addressing rules, such as {@code {"fc1", "fc2"}}, or by
     * unified names such as {@code "attn.q"} (OpenDelta's {@code modified_modules}). Each pattern
     * must match at least one module of the backbone. Default {@code {}}: OpenDelta's default
     * modules, {@code attn}, {@code attn}, {@code ff.w1} and {@code ff.w2} in unified names, which
     * needs a backbone whose structure has unified names (every catalogue backbone has).
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
     * The bottleneck size, at least 1 (OpenDelta's {@code bottleneck_dim}). Default {@code 24}.
     *
     * @return the bottleneck size
     */
    int bottleneck() default 24;

    /**
     * The non-linearity between the down and up projections, by OpenDelta's names: {@code
     * gelu_new}, {@code gelu}, {@code gelu_orig}, {@code relu}, {@code tanh}, {@code swish} or
     * {@code leakyrelu}. Default {@code "gelu_new"}.
     *
     * @return the non-linearity's name
     */
    String nonLinearity() default "gelu_new";

    /**
     * The factor on the adapter's output, a finite number greater than 0 (OpenDelta's {@code
     * scaled}). Default {@code 1}.
     *
     * @return the factor
     */
    double scaled() default 1.0;

    /**
     * The container of repeated {@code @ParallelAdapter} annotations, which javac makes; write them
     * one by one.
     */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.TYPE)
    @interface List {
        /**
         * @return the annotations, in the order written
         */
        ParallelAdapter[] value();
    }
}
