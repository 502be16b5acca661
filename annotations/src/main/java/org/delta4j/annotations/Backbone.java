package org.delta4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the model a tuning spec is written for. The processor checks the spec's deltas against this
 * model's structure (its module paths, types, sizes and unified names), so a pattern that matches
 * nothing, a method on a module it cannot modify, or sizes that do not divide fail the build.
 *
 * <p>A catalogue backbone is checked as its base model ({@code BertModel} for {@code
 * bert-base-uncased}) unless {@link #modelClass()} names the class the spec tunes, such as {@code
 * BertForSequenceClassification}: then every pattern is checked against that class, whose head
 * ({@code classifier}, {@code lm_head}) can be named, and the generated wiring gets {@code
 * load(Path, NDManager)}, which loads a HuggingFace folder as that class.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Backbone {
    /**
     * The backbone's name in the processor's structure catalogue: {@code "facebook/bart-base"},
     * {@code "bert-base-uncased"}, {@code "bert-base-cased"}, {@code "roberta-base"} or {@code
     * "distilbert-base-uncased"}. Default {@code ""}: none, in which case {@link #structure()} must
     * name the structure.
     *
     * @return the catalogue name
     */
    String value() default "";

    /**
     * A structure file exported from the runtime ({@code delta4j-structure/1} JSON, written by
     * {@code StructureExport} or {@code ./delta4j structure}) from any model, a DJL model of your
     * own included, as a resource path on the compile classpath, such as {@code
     * "structures/my-model.structure.json"}, read through the compiler's filer. When set, the
     * processor checks the spec against this file instead of the catalogue, and {@link #value()},
     * if also set, only names the backbone. Default {@code ""}: use the catalogue.
     *
     * @return the resource path of the structure file
     */
    String structure() default "";

    /**
     * The model class the spec tunes, one the runtime builds for the catalogue backbone: its base
     * model or a class with a head, such as {@code "BertForSequenceClassification"} on {@code
     * bert-base-uncased}, {@code "GPT2LMHeadModel"} on {@code gpt2}, {@code
     * "BartForConditionalGeneration"} on {@code facebook/bart-base} or {@code
     * "T5ForConditionalGeneration"} on {@code t5-small}. A head class keeps the base model under a
     * prefix ({@code bert.}, {@code transformer.}, {@code model.}; T5's at the top level), and
     * patterns match its module paths, so {@code @Freeze(exclude = {"deltas", "classifier"})} keeps
     * the head training. Default {@code ""}: the base model, and no {@code load} method. Only with
     * {@link #value()} naming a catalogue backbone: a structure file describes its own class.
     *
     * @return the HF model class name
     */
    String modelClass() default "";

    /**
     * The number of labels of a class with a classification head, such as {@code
     * BertForSequenceClassification}: its classifier is checked with this many outputs, and the
     * generated {@code load} loads the folder with this many labels, as {@code from_pretrained(dir,
     * num_labels=n)} does; a checkpoint's classifier of another size is initialised fresh (as HF's
     * {@code ignore_mismatched_sizes=True}), to be trained. At least 1 when set; 1 is regression,
     * as in HF. Default {@code 0}: not set, the folder's {@code config.json} decides at load time
     * (and compile-time checks use the hub config's, 2).
     *
     * @return the number of labels, or 0 for the config's
     */
    int numLabels() default 0;
}
