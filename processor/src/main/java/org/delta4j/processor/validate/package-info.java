/**
 * Checks a spec type against every rule and collects all errors, each on the exact annotation
 * value: the type ({@code SpecTypeRule}), values ({@code AttributeValues}), names ({@code
 * NameRule}), modules ({@code Targets}), conflicts between deltas ({@code ConflictRule}) and the
 * freeze's patterns ({@code FreezeRule}). {@link org.delta4j.processor.validate.Positions} points
 * errors inside repeated annotations at their source.
 */
package org.delta4j.processor.validate;
