package org.delta4j.processor.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationValue;
import org.delta4j.processor.model.Kind;
import org.delta4j.processor.model.SpecPart;
import org.delta4j.processor.read.PartAnnotation;
import org.delta4j.spec.ArgumentRules;
import org.delta4j.spec.Problem;
import org.delta4j.spec.ValueType;

/**
 * The deltas' names: each a valid name, one on every annotation written more than once, and no two
 * deltas with the same prefix for their generated setters (a name, or the kind's prefix when
 * unnamed).
 */
final class NameRule {
    /** The attribute of a repeatable delta that names it. */
    static final String NAME = "name";

    private NameRule() {}

    /**
     * @param parts the spec's delta and freeze annotations, in order
     * @param report where errors go
     * @return each part's name, {@code ""} when unnamed or invalid, in the order of {@code parts}
     */
    static List<String> names(List<PartAnnotation> parts, Report report) {
        Map<Kind, Integer> counts = new HashMap<>();
        parts.forEach(p -> counts.merge(p.kind(), 1, Integer::sum));
        Map<Kind, Integer> seen = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (PartAnnotation p : parts) {
            int ordinal = seen.merge(p.kind(), 1, Integer::sum);
            AnnotationValue nameValue = p.kind().isRepeatable() ? p.annotation().value(NAME) : null;
            String written =
                    nameValue == null
                            ? ""
                            : (String)
                                    AttributeValues.scalar(
                                                    ValueType.STRING,
                                                    nameValue,
                                                    p.annotation().where(NAME),
                                                    report)
                                            .orElse("");
            if (written.isEmpty() && counts.get(p.kind()) > 1) {
                report.addAt(
                        p.annotation().mirror(),
                        nameValue,
                        Problem.MISSING_NAME,
                        p.kind().displayName(),
                        counts.get(p.kind()),
                        p.kind().prefix() + ordinal);
            }
            names.add(
                    written.isEmpty()
                            ? ""
                            : report.attempt(
                                            p.annotation().mirror(),
                                            nameValue,
                                            () -> ArgumentRules.deltaName(written))
                                    .orElse(""));
        }
        reportTaken(parts, names, report);
        return names;
    }

    /** Reports each name that an unnamed delta's prefix or an earlier name already takes. */
    private static void reportTaken(List<PartAnnotation> parts, List<String> names, Report report) {
        Map<String, String> taken = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            if (names.get(i).isEmpty()) {
                taken.putIfAbsent(parts.get(i).kind().prefix(), parts.get(i).kind().displayName());
            }
        }
        for (int i = 0; i < parts.size(); i++) {
            PartAnnotation p = parts.get(i);
            String name = names.get(i);
            if (!name.isEmpty()) {
                String by = taken.putIfAbsent(name, SpecPart.subject(p.kind(), name));
                if (by != null) {
                    report.addAt(
                            p.annotation().mirror(),
                            p.annotation().value(NAME),
                            Problem.DUPLICATE_NAME,
                            name,
                            by);
                }
            }
        }
    }
}
