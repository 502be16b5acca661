package org.delta4j.spec;

import java.util.Map;

/**
 * One key of a delta method's checkpoint config, as OpenDelta writes it: an {@link Argument}'s
 * value, or a value that OpenDelta records and delta4j fixes ({@link FixedValue}).
 */
public sealed interface ConfigEntry permits Argument, FixedValue {
    /**
     * @return the config key, such as {@code lora_r}
     */
    String key();

    /**
     * @return what it sets, as a noun phrase
     */
    String meaning();

    /**
     * @param values a delta's argument values by argument name
     * @return the value this key records
     */
    Object valueIn(Map<String, ?> values);
}
