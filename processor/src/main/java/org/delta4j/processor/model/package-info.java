/** The checked, immutable spec model that code is generated from, and the table of annotations and attributes. */
package org.delta4j.processor.model;
