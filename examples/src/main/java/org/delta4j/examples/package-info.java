/**
 * Runnable programs: the five-step walkthrough (the README's main job) with its annotated spec
 * {@link org.delta4j.examples.BartFfnAdapter}, and {@link org.delta4j.examples.LoraExample} with
 * the repeated-LoRA spec {@link org.delta4j.examples.BartAttnFfnLora}.
 */
package org.delta4j.examples;
