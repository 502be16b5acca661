/**
 * DistilBERT as in HF transformers 4.26 (learned positions): the same module classes, child names
 * and order, parameter names and numerics.
 */
package org.delta4j.models.distilbert;
