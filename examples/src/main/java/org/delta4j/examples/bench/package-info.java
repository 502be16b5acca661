/**
 * The encoder benchmark ({@link org.delta4j.examples.bench.EncoderBench}): forward and
 * training-step times of a BERT-shaped encoder; and the decoding benchmark ({@link
 * org.delta4j.examples.bench.DecodeBench}): greedy decoding of a GPT-2-shaped model with the
 * key/value cache, per new token, against recomputing the whole sequence. Both compare with the
 * same model in PyTorch eager ({@code bench/run.sh} runs both sides). Benchmarks, not tests:
 * nothing here asserts a time.
 */
package org.delta4j.examples.bench;
