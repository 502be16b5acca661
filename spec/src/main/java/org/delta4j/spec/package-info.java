/**
 * The rules that both the compile-time checker (the annotation processor) and the runtime apply: how a module
 * pattern addresses modules, which argument values are valid, how the closest names are suggested, and how a
 * model's structure is described. Keeping them here gives the two sides one source of truth.
 */
package org.delta4j.spec;
