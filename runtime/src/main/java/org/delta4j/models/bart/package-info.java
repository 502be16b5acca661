/**
 * BART as in HF transformers 4.26: the same module classes, child names and order, parameter names
 * and numerics (post-LN layers, learned positions with offset 2, tied token embeddings).
 */
package org.delta4j.models.bart;
