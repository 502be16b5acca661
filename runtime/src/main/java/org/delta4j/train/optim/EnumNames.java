package org.delta4j.train.optim;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enum constants by their lower-case names, as options and configs spell them. */
final class EnumNames {
    private EnumNames() {}

    /**
     * @param type the enum
     * @param name a constant's name, in any case, or null
     * @param what what the constants are, for the message (such as {@code optimizer})
     * @return the constant of that name
     * @throws IllegalArgumentException for any other name, listing the names
     */
    static <E extends Enum<E>> E parse(Class<E> type, String name, String what) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return constant;
            }
        }
        throw new IllegalArgumentException(
                what + " '" + name + "' is not known: use one of " + names(type));
    }

    /**
     * @param type the enum
     * @return its lower-case names, separated by '|'
     */
    static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining("|"));
    }
}
