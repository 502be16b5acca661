package org.delta4j.processor.model;

import java.util.Objects;
import org.delta4j.spec.Argument;
import org.delta4j.spec.ArgumentRule;
import org.delta4j.spec.DeltaArguments;
import org.delta4j.spec.FreezeDeclaration;
import org.delta4j.spec.ValueType;

/**
 * One attribute of a spec annotation: an {@link Argument} of the method's declaration, whose name
 * the annotation, the runtime builder's setter and the rules' messages share.
 *
 * @param argument the argument the attribute sets
 */
public record Attribute(Argument<?> argument) {
    /** The rule that accepts every value. */
    public static final ArgumentRule ANY = ArgumentRule.ANY;

    /** A delta's module patterns; also checked against the backbone's structure. */
    public static final Attribute MODULES = new Attribute(DeltaArguments.MODULES);

    /** A delta's excluded module path prefixes. */
    public static final Attribute EXCLUDE = new Attribute(DeltaArguments.EXCLUDE);

    /** The freeze's exclude keyword and patterns. */
    public static final Attribute FREEZE_EXCLUDE = new Attribute(FreezeDeclaration.EXCLUDE);

    /**
     * @param argument the argument the attribute sets
     */
    public Attribute {
        Objects.requireNonNull(argument, "argument");
    }

    /**
     * @return the attribute's name, such as {@code bottleneck}
     */
    public String name() {
        return argument.name();
    }

    /**
     * @return its type
     */
    public ValueType type() {
        return argument.type();
    }

    /**
     * @return what it sets, with the range it accepts, as a noun phrase for generated Javadoc
     */
    public String meaning() {
        return argument.description();
    }

    /**
     * @return the rule a value (for {@link ValueType#STRINGS}: each element) must satisfy
     */
    public ArgumentRule rule() {
        return argument.rule();
    }
}
