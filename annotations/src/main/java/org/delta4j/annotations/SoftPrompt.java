package org.delta4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Prompt tuning (Lester et al.), as OpenDelta's {@code SoftPromptModel}: trainable embeddings in
 * front of the input, on the encoder of an encoder-decoder backbone such as BART; it takes no
 * modules. Written once: a spec has one input to prompt.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface SoftPrompt {
    /**
     * The number of soft tokens, at least 1 (OpenDelta's {@code soft_token_num}). Default {@code
     * 100}.
     *
     * @return the number of soft tokens
     */
    int softTokenNum() default 100;

    /**
     * The range of the uniform initialisation, a finite number greater than 0 (OpenDelta's {@code
     * init_range}). Default {@code 0.5}.
     *
     * @return the range
     */
    double initRange() default 0.5;

    /**
     * Whether the soft tokens start as copies of the first token embeddings rather than uniform
     * values (OpenDelta's {@code token_init}). Default {@code true}.
     *
     * @return whether to start from token embeddings
     */
    boolean tokenInit() default true;
}
