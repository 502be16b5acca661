/**
 * Training data: rows read from JSONL files (pre-tokenized or text), batched with padding, in an
 * order that a resumed run can reproduce.
 */
package org.delta4j.train.data;
