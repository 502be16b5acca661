/**
 * The encoder benchmark ({@link org.delta4j.examples.bench.EncoderBench}): forward and
 * training-step times of a BERT-shaped encoder, for comparison with the same model in PyTorch eager
 * ({@code bench/run.sh} runs both). A benchmark, not a test: nothing here asserts a time.
 */
package org.delta4j.examples.bench;
