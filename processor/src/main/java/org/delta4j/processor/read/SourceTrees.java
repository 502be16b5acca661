package org.delta4j.processor.read;

import com.sun.source.util.Trees;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * javac's tree API, which sees annotation values' source and types; absent where a build tool hides
 * javac.
 */
public final class SourceTrees {
    private SourceTrees() {}

    /**
     * @param env the processing environment
     * @return javac's trees, or empty when the environment is not javac's own (Gradle wraps it) or
     *     there is no {@code jdk.compiler}
     */
    public static Optional<Trees> of(ProcessingEnvironment env) {
        try {
            return Optional.of(Trees.instance(env));
        } catch (IllegalArgumentException | LinkageError e) {
            return Optional.empty();
        }
    }
}
