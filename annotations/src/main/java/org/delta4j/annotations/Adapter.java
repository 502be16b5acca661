package org.delta4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A bottleneck adapter (Houlsby et al.) after each selected module, as OpenDelta's {@code
 * AdapterModel}: the module's output {@code h} becomes {@code h + up(act(down(h)))}. Repeatable,
 * with a name on each, such as a wider adapter on the attention than on the feed-forward. Every
 * selected module must have a known output size, and no two {@code @Adapter} may select the same
 * module.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(Adapter.List.class)
public @interface Adapter {
    /**
     * This delta's name: required, and unique among the spec's deltas, when {@code @Adapter} is
     * written more than once. A Java identifier starting with a lower-case letter, such as {@code
     * "attn"}; it prefixes this delta's setters in the generated builder ({@code
     * attnModules(...)}), which are otherwise prefixed {@code adapter}. Default {@code ""}:
     * unnamed.
     *
     * @return the name
     */
    String name() default "";

    /**
     * The modules to modify, by OpenDelta's addressing rules, such as {@code "fc2"} or {@code
     * "[r]layers\\.[0-5]\\.fc2"}, or by unified names such as {@code "attn.q"} (OpenDelta's {@code
     * modified_modules}). Each pattern must match at least one module of the backbone. Default
     * {@code {}}: OpenDelta's default modules, {@code attn.proj} and {@code ff.w2} in unified
     * names, which needs a backbone whose structure has unified names (every catalogue backbone
     * has).
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
     * The container of repeated {@code @Adapter} annotations, which javac makes; write them one by
     * one.
     */
    @Documented
    @Retention(RetentionPolicy.CLASS)
    @Target(ElementType.TYPE)
    @interface List {
        /**
         * @return the annotations, in the order written
         */
        Adapter[] value();
    }
}
