package org.delta4j.processor.validate;

import org.delta4j.spec.ModelStructure;

/**
 * A backbone whose structure could be read.
 *
 * @param name how messages and the generated code name it
 * @param structure its structure
 */
record Backbone(String name, ModelStructure structure) {}
