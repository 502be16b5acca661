/**
 * RoBERTa as in HF transformers 4.26: BERT's blocks (from {@code org.delta4j.models.bert}) under
 * RoBERTa's class names, with fairseq-style positions that skip padding.
 */
package org.delta4j.models.roberta;
