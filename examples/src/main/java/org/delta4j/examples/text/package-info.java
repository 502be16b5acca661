/** Fine-tuning on text: a classifier trained from JSONL rows with its folder's tokenizer. */
package org.delta4j.examples.text;
