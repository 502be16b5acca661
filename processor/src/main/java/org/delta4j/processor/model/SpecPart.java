package org.delta4j.processor.model;

import java.util.List;
import java.util.Objects;

/**
 * One checked delta or freeze annotation of a spec.
 *
 * @param kind which annotation
 * @param name the delta's name, {@code ""} when unnamed
 * @param settings every attribute's value, defaults included, in the annotation's declaration order
 * @param selectedModules for a delta, the backbone's module paths it modifies, in the order the
 *     runtime takes them (for a parallel adapter, from and to of each pair); empty for the freeze
 */
public record SpecPart(
        Kind kind, String name, List<Setting> settings, List<String> selectedModules) {
    /**
     * @param kind which annotation
     * @param name the delta's name, {@code ""} when unnamed
     * @param settings every attribute's value
     * @param selectedModules the module paths a delta modifies
     */
    public SpecPart {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        settings = List.copyOf(settings);
        selectedModules = List.copyOf(selectedModules);
    }

    /**
     * @return the prefix of its field and setters in the generated builder: its name, or the kind's
     *     prefix
     */
    public String prefix() {
        return prefix(kind, name);
    }

    /**
     * @return how messages and Javadoc name it, such as {@code @Lora} or {@code @Lora(name =
     *     "attn")}
     */
    public String subject() {
        return subject(kind, name);
    }

    /**
     * @param kind which annotation
     * @param name its name, {@code ""} when unnamed
     * @return the prefix of its field and setters in the generated builder
     */
    public static String prefix(Kind kind, String name) {
        return name.isEmpty() ? kind.prefix() : name;
    }

    /**
     * @param kind which annotation
     * @param name its name, {@code ""} when unnamed
     * @return how messages and Javadoc name it
     */
    public static String subject(Kind kind, String name) {
        return name.isEmpty()
                ? kind.displayName()
                : kind.displayName() + "(name = \"" + name + "\")";
    }
}
