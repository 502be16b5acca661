package org.delta4j.spec;

import java.util.Map;
import java.util.Objects;

/**
 * A config key OpenDelta records that delta4j does not let change, such as Compacter's {@code
 * factorized_phm}: written as it is so OpenDelta reads the same method back.
 *
 * @param key the config key
 * @param value the value it always has
 * @param meaning what it says, as a noun phrase
 */
public record FixedValue(String key, Object value, String meaning) implements ConfigEntry {
    /**
     * @param key the config key
     * @param value the value it always has
     * @param meaning what it says
     */
    public FixedValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(meaning, "meaning");
    }

    @Override
    public Object valueIn(Map<String, ?> values) {
        return value;
    }
}
