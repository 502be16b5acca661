/**
 * The checked, immutable spec model that code is generated from, and the table of annotations
 * ({@link org.delta4j.processor.model.Kind}), read from the spec module's method table: each one's
 * attributes with their rules, how it chooses its modules, and the rule each module must satisfy.
 */
package org.delta4j.processor.model;
