package org.delta4j.processor.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationValue;
import org.delta4j.processor.model.Attribute;
import org.delta4j.processor.validate.CheckedPart.Target;
import org.delta4j.spec.ModelStructure;
import org.delta4j.spec.ModuleSelector;
import org.delta4j.spec.ParallelPairs;
import org.delta4j.spec.Problem;
import org.delta4j.spec.SpecException;
import org.delta4j.spec.TargetRules;
import org.delta4j.spec.Targeting;

/**
 * Resolves a delta's modules on the backbone as the runtime will, and checks each with its method's
 * rule. Each pattern that matches nothing gets its own error; a module the method cannot modify is
 * reported on the pattern that selected it (once per pattern), or on the argument that makes it
 * fail (once per argument).
 */
final class Targets {
    private final CheckedPart part;
    private final Backbone backbone;
    private final Report report;

    private Targets(CheckedPart part, Backbone backbone, Report report) {
        this.part = part;
        this.backbone = backbone;
        this.report = report;
    }

    /**
     * @param part a delta whose modules and exclusions passed their rules
     * @param backbone the backbone
     * @param report where errors go
     * @return the modules it modifies, in the runtime's order; empty when something failed. The
     *     method's rule is applied only when every value passed, since it may need them all.
     */
    static Optional<List<Target>> resolve(CheckedPart part, Backbone backbone, Report report) {
        return new Targets(part, backbone, report).resolve();
    }

    private Optional<List<Target>> resolve() {
        if (part.kind().targeting() == Targeting.ENCODER) {
            return report.attempt(
                            part.annotation().mirror(),
                            null,
                            () -> TargetRules.encoder(part.subject(), backbone.structure()))
                    .map(encoder -> List.of(new Target(encoder, encoder, -1)));
        }
        return patterns()
                .flatMap(
                        patterns -> {
                            List<List<String>> selected = selectEach(patterns);
                            if (selected == null) {
                                return Optional.empty();
                            }
                            List<Target> targets =
                                    part.kind().targeting() == Targeting.PAIRS
                                            ? pairs(patterns)
                                            : union(selected);
                            return targets == null || !part.complete() || !checkEach(targets)
                                    ? Optional.empty()
                                    : Optional.of(targets);
                        });
    }

    /**
     * @return the patterns as written, or the method's defaults; empty after reporting that there
     *     are none
     */
    private Optional<List<String>> patterns() {
        List<String> written = strings(Attribute.MODULES);
        if (!written.isEmpty()) {
            return Optional.of(written);
        }
        List<String> defaults = part.kind().method().defaultModules();
        if (backbone.structure().aliases().isEmpty()) {
            report.addAt(
                    part.annotation().mirror(),
                    part.patternValue(-1),
                    Problem.NO_MODULES,
                    Problem.detail(
                            Problem.NO_COMMON_STRUCTURE,
                            part.subject(),
                            defaults,
                            backbone.label()));
            return Optional.empty();
        }
        return Optional.of(defaults);
    }

    /**
     * @return each pattern's modules, or {@code null} after reporting every pattern that matches
     *     none
     */
    private List<List<String>> selectEach(List<String> patterns) {
        List<List<String>> selected = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < patterns.size(); i++) {
            List<String> one = List.of(patterns.get(i));
            Optional<List<String>> modules =
                    report.attempt(
                            part.annotation().mirror(),
                            blame(i),
                            () ->
                                    new ModuleSelector(one, strings(Attribute.EXCLUDE))
                                            .select(
                                                    paths(),
                                                    backbone.structure().aliases(),
                                                    backbone.label()));
            ok &= modules.isPresent();
            selected.add(modules.orElse(List.of()));
        }
        return ok ? selected : null;
    }

    /**
     * @return every selected module once, in tree order, with the first pattern that selected it
     */
    private List<Target> union(List<List<String>> selected) {
        Map<String, Integer> first = new LinkedHashMap<>();
        for (int i = 0; i < selected.size(); i++) {
            for (String path : selected.get(i)) {
                first.putIfAbsent(path, i);
            }
        }
        List<Target> targets = new ArrayList<>();
        for (String path : paths()) {
            if (first.containsKey(path)) {
                targets.add(new Target(path, path, patternIndex(first.get(path))));
            }
        }
        return targets;
    }

    /**
     * @return each pair's modules, from then to, or {@code null} after reporting every pair that
     *     does not pair
     */
    private List<Target> pairs(List<String> patterns) {
        List<Target> targets = new ArrayList<>();
        boolean ok = true;
        List<List<String>> pairs = ParallelPairs.patternPairs(patterns);
        for (int k = 0; k < pairs.size(); k++) {
            int from = 2 * k;
            int to = Math.min(from + 1, patterns.size() - 1);
            List<String> pair = pairs.get(k);
            Optional<List<String>> flat =
                    report.attempt(
                            part.annotation().mirror(),
                            blame(to),
                            () ->
                                    ParallelPairs.resolve(
                                            part.subject(),
                                            pair.get(0),
                                            pair.get(1),
                                            strings(Attribute.EXCLUDE),
                                            paths(),
                                            backbone.structure().aliases(),
                                            backbone.label()));
            ok &= flat.isPresent();
            List<String> modules = flat.orElse(List.of());
            for (int j = 0; j < modules.size(); j++) {
                targets.add(
                        new Target(
                                modules.get(j),
                                modules.get(j),
                                patternIndex(j % 2 == 0 ? from : to)));
            }
        }
        return ok ? targets : null;
    }

    /**
     * Applies the method's rule to every target, recording where each layer goes; reports the
     * failures.
     */
    private boolean checkEach(List<Target> targets) {
        Map<String, Object> values = new LinkedHashMap<>();
        part.values().forEach((attribute, value) -> values.put(attribute.name(), value));
        Set<String> reported = new HashSet<>();
        Set<String> failed = new HashSet<>();
        boolean ok = true;
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            ModelStructure.Module module = backbone.structure().module(t.path());
            if (failed.contains(t.path())) {
                continue;
            }
            try {
                String placement =
                        part.kind()
                                .rule()
                                .check(part.subject(), backbone.structure(), module, values);
                targets.set(i, new Target(t.path(), placement, t.pattern()));
            } catch (SpecException e) {
                ok = false;
                failed.add(t.path());
                String where =
                        e.argument() != null
                                ? "argument " + e.argument()
                                : "pattern " + t.pattern();
                if (reported.add(where)) {
                    AnnotationValue value =
                            e.argument() != null
                                    ? part.annotation().value(e.argument())
                                    : part.patternValue(t.pattern());
                    report.add(e, part.annotation().mirror(), value);
                }
            }
        }
        return ok;
    }

    /**
     * @return the index to record for pattern {@code i}: itself when written, {@code -1} for
     *     defaults
     */
    private int patternIndex(int i) {
        return strings(Attribute.MODULES).isEmpty() ? -1 : i;
    }

    private AnnotationValue blame(int i) {
        return part.patternValue(patternIndex(i));
    }

    private List<String> paths() {
        return backbone.structure().paths();
    }

    @SuppressWarnings("unchecked")
    private List<String> strings(Attribute attribute) {
        return (List<String>) part.values().get(attribute);
    }
}
