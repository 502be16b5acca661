package org.delta4j.processor.model;

import java.util.ArrayList;
import java.util.List;
import org.delta4j.spec.Argument;
import org.delta4j.spec.FreezeDeclaration;
import org.delta4j.spec.Method;
import org.delta4j.spec.MethodDeclaration;
import org.delta4j.spec.ModuleRule;
import org.delta4j.spec.Targeting;

/**
 * The spec annotations that each become one runtime builder: one per delta method and the freeze,
 * each read from its {@link MethodDeclaration}. Each attribute (but a delta's {@code name}, which
 * only names its setters) maps to the builder's setter of the same name, and is checked by the rule
 * that setter applies; each delta's modules are checked by its method's rule on the backbone.
 */
public final class Kind {
    private static final String ANNOTATIONS = "org.delta4j.annotations.";

    /** {@code @Freeze}, built by {@code FreezeSpec.Builder}. */
    public static final Kind FREEZE = new Kind(null, FreezeDeclaration.DECLARATION);

    private static final List<Kind> ALL = all();

    private final Method method;
    private final MethodDeclaration declaration;
    private final List<Attribute> attributes;

    private Kind(Method method, MethodDeclaration declaration) {
        this.method = method;
        this.declaration = declaration;
        List<Attribute> all = new ArrayList<>();
        if (declaration.targeting().takesPatterns()) {
            all.add(Attribute.MODULES);
            all.add(Attribute.EXCLUDE);
        }
        for (Argument<?> a : declaration.arguments()) {
            all.add(new Attribute(a));
        }
        this.attributes = List.copyOf(all);
    }

    private static List<Kind> all() {
        List<Kind> kinds = new ArrayList<>();
        for (Method m : Method.values()) {
            kinds.add(new Kind(m, m.declaration()));
        }
        kinds.add(FREEZE);
        return List.copyOf(kinds);
    }

    /**
     * @return every kind: one per delta method, in {@link Method}'s order, then the freeze
     */
    public static List<Kind> values() {
        return ALL;
    }

    /**
     * @return the annotation's qualified name
     */
    public String annotationName() {
        return ANNOTATIONS + declaration.annotation();
    }

    /**
     * @return the qualified name of the container javac wraps repeated annotations in, or {@code
     *     null}
     */
    public String containerName() {
        return declaration.repeatable() ? annotationName() + ".List" : null;
    }

    /**
     * @return whether the annotation may be written more than once, each with a {@code name}
     */
    public boolean isRepeatable() {
        return declaration.repeatable();
    }

    /**
     * @return how messages and Javadoc name the annotation, such as {@code @Adapter}
     */
    public String displayName() {
        return "@" + declaration.annotation();
    }

    /**
     * @return the delta method, or {@code null} for the freeze
     */
    public Method method() {
        return method;
    }

    /**
     * @return the prefix of the generated builder's field and setters when unnamed: the
     *     annotation's name, starting lower-case, such as {@code bitFit}
     */
    public String prefix() {
        String name = declaration.annotation();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * @return the package of the runtime spec type
     */
    public String runtimePackage() {
        return declaration.runtimePackage();
    }

    /**
     * @return the runtime spec type's simple name; its nested {@code Builder} is what the
     *     attributes set
     */
    public String runtimeType() {
        return declaration.specType();
    }

    /**
     * @return whether this is a delta, added to the tuning spec, rather than the freeze
     */
    public boolean isDelta() {
        return method != null;
    }

    /**
     * @return how the delta chooses its modules
     */
    public Targeting targeting() {
        return declaration.targeting();
    }

    /**
     * @return the rule each module the delta modifies must satisfy
     */
    public ModuleRule rule() {
        return declaration.rule();
    }

    /**
     * @return the attributes set on the runtime builder, in the annotation's declaration order
     */
    public List<Attribute> attributes() {
        return attributes;
    }

    /**
     * @param annotationName a qualified annotation name
     * @return the kind with that annotation, or {@code null}
     */
    public static Kind forAnnotation(String annotationName) {
        for (Kind k : ALL) {
            if (k.annotationName().equals(annotationName)) {
                return k;
            }
        }
        return null;
    }

    /**
     * @param containerName a qualified annotation name
     * @return the kind whose repeated annotations that container holds, or {@code null}
     */
    public static Kind forContainer(String containerName) {
        for (Kind k : ALL) {
            if (containerName.equals(k.containerName())) {
                return k;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return displayName();
    }
}
