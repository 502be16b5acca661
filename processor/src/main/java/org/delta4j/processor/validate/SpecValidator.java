package org.delta4j.processor.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import org.delta4j.processor.catalogue.Catalogue;
import org.delta4j.processor.catalogue.StructureFiles;
import org.delta4j.processor.model.Attribute;
import org.delta4j.processor.model.SpecModel;
import org.delta4j.processor.read.PartAnnotation;
import org.delta4j.processor.read.SpecAnnotations;
import org.delta4j.processor.read.UnresolvedValues;
import org.delta4j.spec.Problem;

/**
 * Checks one spec type completely, reporting every error, and builds the model only when nothing is
 * wrong: the type itself, every value against the rule the runtime builder's setter applies, the
 * deltas' names, every module pattern against the backbone's structure with the runtime's selection
 * rules, every selected module against its method's rule, conflicts between deltas, and the
 * freeze's patterns. A type with values the compiler could not resolve yet is not checked at all:
 * its report only lists them.
 */
public final class SpecValidator {
    private final Elements elements;
    private final UnresolvedValues unresolvedValues;
    private final Catalogue catalogue;
    private final StructureFiles structureFiles;

    /**
     * @param elements the compiler's element utilities
     * @param unresolvedValues finds values the compiler could not resolve yet
     * @param catalogue the bundled backbone structures
     * @param structureFiles reads structure files that specs name
     */
    public SpecValidator(
            Elements elements,
            UnresolvedValues unresolvedValues,
            Catalogue catalogue,
            StructureFiles structureFiles) {
        this.elements = elements;
        this.unresolvedValues = unresolvedValues;
        this.catalogue = catalogue;
        this.structureFiles = structureFiles;
    }

    /**
     * @param type a type with at least one spec annotation
     * @param report collects every error found, and what could not be resolved
     * @return the model, present exactly when the report is clean
     */
    public Optional<SpecModel> validate(TypeElement type, Report report) {
        List<String> unresolved = unresolvedValues.in(type);
        if (!unresolved.isEmpty()) {
            // Checking values the compiler could not resolve would only report symptoms of that.
            unresolved.forEach(report::unresolved);
            return Optional.empty();
        }
        for (String reason : SpecTypeRule.violations(type)) {
            report.add(Problem.SPEC_TYPE, type.getQualifiedName(), reason);
        }
        SpecAnnotations found = SpecAnnotations.read(elements, type);
        Optional<Backbone> backbone =
                found.backbone()
                        .flatMap(b -> BackboneRule.read(b, catalogue, structureFiles, report));
        List<String> names = NameRule.names(found.parts(), report);
        List<CheckedPart> deltas = new ArrayList<>();
        CheckedPart freeze = null;
        List<CheckedPart> parts = new ArrayList<>();
        for (int i = 0; i < found.parts().size(); i++) {
            PartAnnotation p = found.parts().get(i);
            if (p.kind().isDelta() && found.backbone().isEmpty()) {
                report.addAt(
                        p.annotation().mirror(), null, Problem.NO_BACKBONE, p.kind().displayName());
            }
            CheckedPart part = checked(p, names.get(i), backbone, report);
            parts.add(part);
            if (p.kind().isDelta()) {
                deltas.add(part);
            } else {
                freeze = part;
            }
        }
        List<CheckedPart> resolved = deltas.stream().filter(d -> d.targets().isPresent()).toList();
        ConflictRule.check(resolved, report);
        if (freeze != null
                && freeze.complete()
                && backbone.isPresent()
                && resolved.size() == deltas.size()) {
            FreezeRule.check(freeze, backbone.get(), deltas, report);
        }
        if (deltas.isEmpty()) {
            report.add(Problem.NO_DELTA, type.getQualifiedName());
        }
        // A clean report implies a delta, which implies a readable backbone.
        return report.isClean()
                ? Optional.of(
                        new SpecModel(
                                type,
                                backbone.orElseThrow().name(),
                                backbone.orElseThrow().modelClass(),
                                backbone.orElseThrow().numLabels(),
                                parts.stream().map(CheckedPart::toPart).toList()))
                : Optional.empty();
    }

    /** Checks one annotation's values and, for a delta on a readable backbone, its modules. */
    private static CheckedPart checked(
            PartAnnotation p, String name, Optional<Backbone> backbone, Report report) {
        Map<Attribute, Object> values = new LinkedHashMap<>();
        for (Attribute attribute : p.kind().attributes()) {
            AttributeValues.checked(attribute, p.annotation(), report)
                    .ifPresent(v -> values.put(attribute, v));
        }
        CheckedPart part =
                new CheckedPart(p.kind(), p.annotation(), name, values, Optional.empty());
        boolean addressed =
                !p.kind().attributes().contains(Attribute.MODULES)
                        || (values.containsKey(Attribute.MODULES)
                                && values.containsKey(Attribute.EXCLUDE));
        if (!p.kind().isDelta() || backbone.isEmpty() || !addressed) {
            return part;
        }
        return new CheckedPart(
                p.kind(),
                p.annotation(),
                name,
                values,
                Targets.resolve(part, backbone.get(), report));
    }
}
