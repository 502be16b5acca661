package org.delta4j.delta.methods;

import java.util.List;
import java.util.Map;
import org.delta4j.delta.AbstractDeltaSpecBuilder;
import org.delta4j.delta.DeltaSpec;
import org.delta4j.spec.Argument;
import org.delta4j.spec.Method;

/**
 * Rebuilds a delta spec from its method name and OpenDelta-named arguments, as a checkpoint's
 * config records them ({@link DeltaSpec#arguments()} is the inverse): each argument of the method's
 * declaration is read by its config key with its type, or takes its default when missing, and set
 * on the method's builder, which checks it.
 */
public final class DeltaSpecs {
    /** The methods this version can rebuild, by OpenDelta's {@code delta_type} names. */
    public static final List<String> METHODS = Method.ids();

    private DeltaSpecs() {}

    /**
     * @param method the method name, one of {@link #METHODS}
     * @param modules the module patterns
     * @param exclude the excluded path prefixes
     * @param arguments the method's arguments by OpenDelta's names
     * @return the spec, validated as if built by hand
     * @throws org.delta4j.spec.SpecException for an unknown method or an invalid value
     * @throws IllegalArgumentException for an argument of the wrong type
     */
    public static DeltaSpec of(
            String method, List<String> modules, List<String> exclude, Map<String, ?> arguments) {
        Method m = Method.ofId(method);
        AbstractDeltaSpecBuilder<?> builder = MethodRegistry.builder(m);
        builder.modules(modules.toArray(new String[0])).exclude(exclude.toArray(new String[0]));
        for (Argument<?> a : m.declaration().arguments()) {
            builder.set(a, read(a, arguments));
        }
        return builder.build();
    }

    /**
     * @return the argument's value under its config key, as its type, or its default when missing
     */
    private static Object read(Argument<?> argument, Map<String, ?> arguments) {
        String key = argument.key();
        if (arguments.get(key) == null) {
            return argument.defaultValue();
        }
        return switch (argument.type()) {
            case INT -> wholeNumber(key, typed(arguments, key, Number.class));
            case DOUBLE -> typed(arguments, key, Number.class).doubleValue();
            case BOOLEAN -> typed(arguments, key, Boolean.class);
            case STRING -> typed(arguments, key, String.class);
            case STRINGS -> typed(arguments, key, List.class);
        };
    }

    private static int wholeNumber(String key, Number n) {
        double d = n.doubleValue();
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "argument \""
                            + key
                            + "\" must be a whole number of at most "
                            + Integer.MAX_VALUE
                            + ", not "
                            + n);
        }
        return n.intValue();
    }

    private static <T> T typed(Map<String, ?> arguments, String key, Class<T> type) {
        Object v = arguments.get(key);
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException(
                    "argument \"" + key + "\" must be a " + type.getSimpleName() + ", not " + v);
        }
        return type.cast(v);
    }
}
