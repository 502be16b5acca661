/**
 * DistilBERT as in HF transformers 4.26 (learned positions): the same module classes, child names and order,
 * parameter names and numerics. Children are held in fields typed {@link ai.djl.nn.Block} and read at every forward
 * pass, so delta surgery can swap them.
 */
package org.delta4j.models.distilbert;
