package org.delta4j.generate.search;

import java.util.List;

/**
 * What a search returns, as transformers' {@code generate(..., return_dict_in_generate=True)}.
 *
 * @param sequences {@code [rows][length]}: the output sequences
 * @param sequencesScores beam search: each returned hypothesis's score; otherwise null
 * @param scores the processed scores of each step, {@code [step][rows][vocab]}; empty unless asked
 */
public record SearchOutput(long[][] sequences, float[] sequencesScores, List<float[][]> scores) {}
