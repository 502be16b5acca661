/**
 * The model side of decoding: a {@link org.delta4j.generate.session.DecodingSession} gives the
 * next-token logits of a batch of rows step by step, with a key/value cache or by recomputing the
 * whole sequence.
 */
package org.delta4j.generate.session;
