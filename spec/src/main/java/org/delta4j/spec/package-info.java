/**
 * The rules that both the compile-time checker (the annotation processor) and the runtime apply:
 * how a module pattern addresses modules ({@link org.delta4j.spec.ModulePattern}, {@link
 * org.delta4j.spec.ModuleSelector}, {@link org.delta4j.spec.ParallelPairs}), which argument values
 * are valid ({@link org.delta4j.spec.ArgumentRules}), what each delta method is, with its
 * arguments, defaults, config keys and the modules it can modify (the method table: {@link
 * org.delta4j.spec.Method}, one {@link org.delta4j.spec.MethodDeclaration} per method, {@link
 * org.delta4j.spec.ModuleKinds}, {@link org.delta4j.spec.TargetRules}), how the closest names are
 * suggested, how a model's structure is described ({@link org.delta4j.spec.ModelStructure}), and
 * every message with its tag ({@link org.delta4j.spec.Problem}). Keeping them here gives the two
 * sides one source of truth.
 */
package org.delta4j.spec;
