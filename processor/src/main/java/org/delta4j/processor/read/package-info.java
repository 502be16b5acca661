/**
 * Reads spec annotations from the compiler's mirrors, defaults included, without loading annotation
 * classes.
 */
package org.delta4j.processor.read;
