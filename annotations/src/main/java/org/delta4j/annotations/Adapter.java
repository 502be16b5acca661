package org.delta4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A bottleneck adapter (Houlsby et al.) after each selected module, as OpenDelta's {@code AdapterModel}: the
 * module's output {@code h} becomes {@code h + up(act(down(h)))}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Adapter {
    /**
     * The modules to modify, by OpenDelta's addressing rules, such as {@code "fc2"} or
     * {@code "[r]layers\\.[0-5]\\.fc2"} (OpenDelta's {@code modified_modules}). Each pattern must match at least
     * one module of the backbone. Default {@code {}}: none, which is an error until default targets per
     * architecture exist.
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
     * The bottleneck size, at least 1 (OpenDelta's {@code bottleneck_dim}). Default {@code 24}.
     *
     * @return the bottleneck size
     */
    int bottleneck() default 24;

    /**
     * The non-linearity between the down and up projections, by OpenDelta's names: {@code gelu_new},
     * {@code gelu}, {@code gelu_orig}, {@code relu}, {@code tanh}, {@code swish} or {@code leakyrelu}. Default
     * {@code "gelu_new"}.
     *
     * @return the non-linearity's name
     */
    String nonLinearity() default "gelu_new";
}
