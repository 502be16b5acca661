/**
 * BERT as in HF transformers 4.26 (absolute positions, encoder only): the same module classes,
 * child names and order, parameter and buffer names and numerics. The {@code Abstract*} classes
 * hold each block's logic once; BERT's and RoBERTa's classes are those blocks under HF's class
 * names.
 */
package org.delta4j.models.bert;
