package org.delta4j.processor.validate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationValue;
import org.delta4j.processor.model.Attribute;
import org.delta4j.processor.model.Kind;
import org.delta4j.processor.model.Setting;
import org.delta4j.processor.model.SpecPart;
import org.delta4j.processor.read.SpecAnnotation;
import org.delta4j.processor.read.Values;

/**
 * One delta or freeze annotation while it is checked: its name, the values that passed their rules,
 * and, for a delta whose modules all passed, the modules it modifies.
 *
 * @param kind which annotation
 * @param annotation its values and where diagnostics point
 * @param name its name, {@code ""} when unnamed or invalid
 * @param values the values that passed their rules, by attribute, in declaration order
 * @param targets the modules it modifies, when they all passed; empty when not checked or when one
 *     failed
 */
record CheckedPart(
        Kind kind,
        SpecAnnotation annotation,
        String name,
        Map<Attribute, Object> values,
        Optional<List<Target>> targets) {
    /**
     * One module a delta modifies.
     *
     * @param path the module's path
     * @param placement the path of the module its layer goes on: the module's, or for prefix tuning
     *     its attention block's
     * @param pattern the index of the pattern that selected it, or {@code -1} for the method's
     *     default modules or a delta without patterns
     */
    record Target(String path, String placement, int pattern) {}

    /**
     * @return how messages name it
     */
    String subject() {
        return SpecPart.subject(kind, name);
    }

    /**
     * @return whether every attribute passed its rule
     */
    boolean complete() {
        return values.size() == kind.attributes().size();
    }

    /**
     * @param pattern a pattern's index, or {@code -1}
     * @return where an error about that pattern points: the array element, or the whole attribute
     */
    AnnotationValue patternValue(int pattern) {
        AnnotationValue modules = annotation.value(Attribute.MODULES.name());
        List<AnnotationValue> elements = Values.elements(modules).orElse(List.of());
        return pattern >= 0 && pattern < elements.size() ? elements.get(pattern) : modules;
    }

    /**
     * @return the module patterns as written; empty when unreadable or none are written
     */
    @SuppressWarnings("unchecked")
    List<String> patterns() {
        Object modules = values.get(Attribute.MODULES);
        return modules == null ? List.of() : (List<String>) modules;
    }

    /**
     * @return the distinct paths the delta's layers go on, in order
     */
    List<String> placements() {
        LinkedHashSet<String> placements = new LinkedHashSet<>();
        targets.orElse(List.of()).forEach(t -> placements.add(t.placement()));
        return List.copyOf(placements);
    }

    /**
     * @return the checked part, for a clean report
     */
    SpecPart toPart() {
        List<Setting> settings = new ArrayList<>();
        values.forEach((attribute, value) -> settings.add(new Setting(attribute, value)));
        return new SpecPart(
                kind,
                name,
                settings,
                targets.orElse(List.of()).stream().map(Target::path).toList());
    }
}
