/**
 * Where backbone structures come from: the bundled catalogue, or a structure file on the compile
 * classpath.
 */
package org.delta4j.processor.catalogue;
