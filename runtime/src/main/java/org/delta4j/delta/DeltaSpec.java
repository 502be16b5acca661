package org.delta4j.delta;

import java.util.List;
import java.util.Map;

/**
 * What one delta is: its method, the modules it modifies and its arguments. Immutable and validated
 * when built; {@link TuningSpec} attaches it to a backbone.
 */
public interface DeltaSpec {
    /**
     * @return the method's name as OpenDelta writes it: {@code adapter}, {@code lora}, {@code
     *     bitfit}
     */
    String method();

    /**
     * @return the module patterns to modify (OpenDelta's {@code modified_modules})
     */
    List<String> modules();

    /**
     * @return module path prefixes never modified (OpenDelta's {@code exclude_modules})
     */
    List<String> exclude();

    /**
     * @return the method's arguments by OpenDelta's names, for logs and checkpoints
     */
    Map<String, Object> arguments();

    /**
     * @return the unified module names used when {@link #modules()} is empty (OpenDelta's default
     *     modification); none by default
     */
    default List<String> defaultModules() {
        return List.of();
    }

    /**
     * @return the method that applies this spec to modules
     */
    DeltaMethod implementation();
}
