package org.delta4j.processor.model;

import java.util.ArrayList;
import java.util.List;
import org.delta4j.spec.ArgumentRules;

/** Builds the attribute table's rows, each with the {@link ArgumentRules} rule its runtime setter applies. */
final class Attributes {
    /** The adapters' non-linearity. */
    static final Attribute NON_LINEARITY = new Attribute("nonLinearity", ValueType.STRING, "the non-linearity's name",
            (name, value) -> ArgumentRules.oneOf(name, (String) value, ArgumentRules.NON_LINEARITIES));

    private Attributes() {}

    /** @return a delta's modules and exclusions, then its own attributes */
    static List<Attribute> addressed(Attribute... own) {
        List<Attribute> all = new ArrayList<>(List.of(Attribute.MODULES, Attribute.EXCLUDE));
        all.addAll(List.of(own));
        return List.copyOf(all);
    }

    /** @return an integer of at least 1 */
    static Attribute atLeastOne(String name, String meaning) {
        return new Attribute(name, ValueType.INT, meaning + ", at least 1",
                (n, value) -> ArgumentRules.atLeastOne(n, (Integer) value));
    }

    /** @return a finite number greater than 0 */
    static Attribute positive(String name, String meaning) {
        return new Attribute(name, ValueType.DOUBLE, meaning + ", greater than 0",
                (n, value) -> ArgumentRules.positive(n, (Double) value));
    }

    /** @return a probability in [0, 1) */
    static Attribute dropout(String name, String meaning) {
        return new Attribute(name, ValueType.DOUBLE, meaning + ", in [0, 1)",
                (n, value) -> ArgumentRules.dropout(n, (Double) value));
    }

    /** @return a boolean, any value */
    static Attribute flag(String name, String meaning) {
        return new Attribute(name, ValueType.BOOLEAN, meaning, Attribute.ANY);
    }
}
