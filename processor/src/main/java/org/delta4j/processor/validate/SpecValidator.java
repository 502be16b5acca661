package org.delta4j.processor.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import org.delta4j.processor.catalogue.Catalogue;
import org.delta4j.processor.catalogue.StructureFiles;
import org.delta4j.processor.model.Attribute;
import org.delta4j.processor.model.Kind;
import org.delta4j.processor.model.Setting;
import org.delta4j.processor.model.SpecModel;
import org.delta4j.processor.model.SpecPart;
import org.delta4j.processor.model.ValueType;
import org.delta4j.processor.read.SpecAnnotation;
import org.delta4j.processor.read.SpecAnnotations;
import org.delta4j.processor.read.Values;
import org.delta4j.spec.ModelStructure;
import org.delta4j.spec.ModuleSelector;
import org.delta4j.spec.Problem;

/**
 * Checks one spec type completely, reporting every error, and builds the model only when nothing is wrong. Every
 * value goes through the rule the runtime builder's setter applies, and every module pattern is matched against
 * the backbone's structure with the runtime's selection rules.
 */
public final class SpecValidator {
    /** A backbone whose structure could be read. */
    private record Backbone(String name, ModelStructure structure) {}

    private final Elements elements;
    private final Catalogue catalogue;
    private final StructureFiles structureFiles;

    /**
     * @param elements the compiler's element utilities
     * @param catalogue the bundled backbone structures
     * @param structureFiles reads structure files that specs name
     */
    public SpecValidator(Elements elements, Catalogue catalogue, StructureFiles structureFiles) {
        this.elements = elements;
        this.catalogue = catalogue;
        this.structureFiles = structureFiles;
    }

    /**
     * @param type a type with at least one spec annotation
     * @param report collects every error found
     * @return the model, present exactly when the report is clean
     */
    public Optional<SpecModel> validate(TypeElement type, Report report) {
        for (String reason : SpecTypeRule.violations(type)) {
            report.error(Problem.SPEC_TYPE.format(type.getQualifiedName(), reason));
        }
        SpecAnnotations found = SpecAnnotations.read(elements, type);
        Optional<Backbone> backbone = found.backbone().flatMap(b -> backbone(b, report));
        List<SpecPart> parts = new ArrayList<>();
        for (Map.Entry<Kind, SpecAnnotation> e : found.parts().entrySet()) {
            Kind kind = e.getKey();
            if (kind.isDelta() && found.backbone().isEmpty()) {
                report.error(Problem.NO_BACKBONE.format(kind.displayName()), e.getValue().mirror(), null);
            }
            parts.add(part(kind, e.getValue(), backbone, report));
        }
        if (parts.stream().noneMatch(p -> p.kind().isDelta())) {
            report.error(Problem.NO_DELTA.format(type.getQualifiedName()));
        }
        // A clean report implies a delta, which implies a readable backbone.
        return report.isClean()
                ? Optional.of(new SpecModel(type, backbone.orElseThrow().name(), parts))
                : Optional.empty();
    }

    private Optional<Backbone> backbone(SpecAnnotation annotation, Report report) {
        AnnotationValue nameValue = annotation.value("value");
        AnnotationValue structureValue = annotation.value("structure");
        Optional<Object> name = scalar(ValueType.STRING, nameValue, report);
        Optional<Object> structure = scalar(ValueType.STRING, structureValue, report);
        if (name.isEmpty() || structure.isEmpty()) {
            return Optional.empty();
        }
        String n = (String) name.get();
        String path = (String) structure.get();
        if (path.isEmpty()) {
            return report.attempt(annotation.mirror(), nameValue, () -> new Backbone(n, catalogue.load(n)));
        }
        return report.attempt(annotation.mirror(), structureValue, () -> structureFiles.read(path))
                .map(s -> new Backbone(n.isEmpty() ? s.name() : n, s));
    }

    private SpecPart part(Kind kind, SpecAnnotation annotation, Optional<Backbone> backbone, Report report) {
        Map<Attribute, Object> values = new LinkedHashMap<>();
        for (Attribute attribute : kind.attributes()) {
            checked(attribute, annotation, report).ifPresent(v -> values.put(attribute, v));
        }
        List<String> selected = kind.isDelta()
                        && values.containsKey(Attribute.MODULES) && values.containsKey(Attribute.EXCLUDE)
                ? selectModules(kind, annotation, strings(values.get(Attribute.MODULES)),
                        strings(values.get(Attribute.EXCLUDE)), backbone, report)
                : List.of();
        List<Setting> settings = new ArrayList<>();
        values.forEach((attribute, value) -> settings.add(new Setting(attribute, value)));
        return new SpecPart(kind, settings, selected);
    }

    /** Checks a delta's patterns against the backbone one by one, so each failing pattern gets its own error. */
    private static List<String> selectModules(Kind kind, SpecAnnotation annotation, List<String> modules,
            List<String> exclude, Optional<Backbone> backbone, Report report) {
        AnnotationValue modulesValue = annotation.value(Attribute.MODULES.name());
        if (modules.isEmpty()) {
            report.error(Problem.NO_MODULES.format(kind.displayName()), annotation.mirror(), modulesValue);
            return List.of();
        }
        if (backbone.isEmpty()) {
            return List.of();
        }
        List<String> paths = backbone.get().structure().paths();
        String name = backbone.get().name();
        List<AnnotationValue> elementValues = Values.elements(modulesValue).orElseThrow();
        boolean allMatch = true;
        for (int i = 0; i < modules.size(); i++) {
            List<String> one = List.of(modules.get(i));
            allMatch &= report.attempt(annotation.mirror(), elementValues.get(i),
                    () -> new ModuleSelector(one, exclude).select(paths, name)).isPresent();
        }
        return allMatch ? new ModuleSelector(modules, exclude).select(paths, name) : List.of();
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return (List<String>) value;
    }

    /** @return the attribute's value when it can be read and satisfies its rule; otherwise reports why not */
    private static Optional<Object> checked(Attribute attribute, SpecAnnotation annotation, Report report) {
        AnnotationValue value = annotation.value(attribute.name());
        if (attribute.type() != ValueType.STRINGS) {
            return ruled(attribute, annotation.mirror(), attribute.type(), value, report);
        }
        Optional<List<AnnotationValue>> elementValues = Values.elements(value);
        if (elementValues.isEmpty()) {
            report.unresolved();
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>();
        boolean ok = true;
        for (AnnotationValue element : elementValues.get()) {
            Optional<Object> s = ruled(attribute, annotation.mirror(), ValueType.STRING, element, report);
            ok &= s.isPresent();
            s.ifPresent(v -> strings.add((String) v));
        }
        return ok ? Optional.of(List.copyOf(strings)) : Optional.empty();
    }

    /** Reads one value and checks it with the attribute's rule; an array attribute's rule checks each element. */
    private static Optional<Object> ruled(
            Attribute attribute, AnnotationMirror mirror, ValueType type, AnnotationValue value, Report report) {
        return scalar(type, value, report).flatMap(v -> report.attempt(mirror, value, () -> {
            attribute.rule().check(attribute.name(), v);
            return v;
        }));
    }

    private static Optional<Object> scalar(ValueType type, AnnotationValue value, Report report) {
        Optional<Object> v = Values.scalar(type, value);
        if (v.isEmpty()) {
            report.unresolved();
        }
        return v;
    }
}
