package org.delta4j.processor.model;

import java.util.List;
import java.util.Objects;

/**
 * One checked delta or freeze annotation of a spec.
 *
 * @param kind which annotation
 * @param settings every attribute's value, defaults included, in the annotation's declaration order
 * @param selectedModules for a delta, the backbone's module paths it modifies, in tree order; empty for the freeze
 */
public record SpecPart(Kind kind, List<Setting> settings, List<String> selectedModules) {
    /**
     * @param kind which annotation
     * @param settings every attribute's value
     * @param selectedModules the module paths a delta modifies
     */
    public SpecPart {
        Objects.requireNonNull(kind, "kind");
        settings = List.copyOf(settings);
        selectedModules = List.copyOf(selectedModules);
    }
}
