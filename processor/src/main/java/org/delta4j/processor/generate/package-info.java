/** Writes a checked spec's wiring class with JavaPoet. */
package org.delta4j.processor.generate;
