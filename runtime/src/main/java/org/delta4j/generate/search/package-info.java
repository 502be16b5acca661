/**
 * Decoding algorithms over a {@link org.delta4j.generate.session.DecodingSession}: greedy search,
 * sampling and beam search, with transformers 4.38.2's bookkeeping (stopping per row at any eos id,
 * padding finished rows, {@code BeamSearchScorer} and {@code BeamHypotheses}).
 */
package org.delta4j.generate.search;
