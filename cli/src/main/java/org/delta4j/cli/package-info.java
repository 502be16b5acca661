/**
 * The {@code delta4j} command-line tool: one class per command ({@code inspect}, {@code structure},
 * {@code forward}), with model-folder loading, parameter tables and failure reporting shared in
 * small helpers.
 */
package org.delta4j.cli;
