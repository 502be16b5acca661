package org.delta4j.delta.methods;

import org.delta4j.spec.Argument;
import org.delta4j.spec.ArgumentRule;

/** A valid value other than the default for any argument of the method table, to see it travel. */
final class NonDefaultValues {
    private NonDefaultValues() {}

    static Object of(Argument<?> a) {
        Object d = a.defaultValue();
        return switch (a.type()) {
            case INT -> (Integer) d + 1;
            case DOUBLE ->
                    a.rule() == ArgumentRule.PROBABILITY ? 0.25 + (Double) d / 2 : (Double) d * 2;
            case BOOLEAN -> !(Boolean) d;
            case STRING -> "relu".equals(d) ? "tanh" : "relu";
            case STRINGS ->
                    throw new IllegalArgumentException("no method argument is a list: " + a);
        };
    }

    /**
     * @return the primitive (or String) type of its typed setter's parameter
     */
    static Class<?> setterType(Argument<?> a) {
        return switch (a.type()) {
            case INT -> int.class;
            case DOUBLE -> double.class;
            case BOOLEAN -> boolean.class;
            case STRING -> String.class;
            case STRINGS -> String[].class;
        };
    }
}
