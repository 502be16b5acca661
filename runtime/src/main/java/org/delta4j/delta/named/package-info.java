/**
 * Several named deltas on one backbone ({@link org.delta4j.delta.named.DeltaSet}): add, activate
 * one or several, switch all off, delete; PEFT's multi-adapter workflow.
 */
package org.delta4j.delta.named;
