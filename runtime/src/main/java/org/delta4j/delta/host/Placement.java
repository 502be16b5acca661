package org.delta4j.delta.host;

/**
 * Which of a layer's hooks run on one module (OpenDelta's insertion methods). A layer usually runs
 * around the module; a parallel adapter spans two modules, running before the first and after the
 * second.
 */
public enum Placement {
    /**
     * {@link DeltaLayer#before} on the module's input, then {@link DeltaLayer#after} on its output.
     */
    AROUND,
    /** Only {@link DeltaLayer#before}. */
    BEFORE,
    /** Only {@link DeltaLayer#after}. */
    AFTER
}
