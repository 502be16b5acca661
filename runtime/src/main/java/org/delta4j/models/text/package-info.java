/**
 * Text to model inputs: HuggingFace {@code tokenizer.json} files run offline through DJL's
 * tokenizers binding, whose jar carries the native library.
 */
package org.delta4j.models.text;
