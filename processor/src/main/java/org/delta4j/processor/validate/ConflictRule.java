package org.delta4j.processor.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.processor.validate.CheckedPart.Target;
import org.delta4j.spec.Problem;

/**
 * Two deltas conflict when they are of the same method and put their layers on the same module: two
 * LoRAs on one linear layer, two adapters after one module, two prefixes on one attention block
 * (also when one names the attention block and the other the layer around it, and also within one
 * {@code @Prefix}). Their updates would stack into one, which is never what two annotations mean.
 * Deltas of different methods may share modules, as the runtime allows; a second
 * {@code @SoftPrompt} or {@code @BitFit} cannot be written, since those are not repeatable.
 */
final class ConflictRule {
    private ConflictRule() {}

    /**
     * Reports each later delta that shares modules with an earlier one of its method, on the
     * pattern that selected the first shared module.
     *
     * @param deltas the deltas whose modules all passed, in order
     * @param report where errors go
     */
    static void check(List<CheckedPart> deltas, Report report) {
        deltas.forEach(d -> checkWithin(d, report));
        for (int j = 0; j < deltas.size(); j++) {
            CheckedPart later = deltas.get(j);
            for (int i = 0; i < j; i++) {
                CheckedPart earlier = deltas.get(i);
                if (earlier.kind() != later.kind()) {
                    continue;
                }
                List<String> shared = new ArrayList<>(later.placements());
                shared.retainAll(earlier.placements());
                if (!shared.isEmpty()) {
                    Target first = firstOn(later, shared.get(0));
                    String more =
                            shared.size() > 1
                                    ? Problem.detail(Problem.AND_MORE, shared.size() - 1)
                                    : "";
                    report.addAt(
                            later.annotation().mirror(),
                            later.patternValue(first.pattern()),
                            Problem.CONFLICT,
                            later.subject(),
                            earlier.subject(),
                            shared.get(0),
                            more,
                            first.path());
                    break;
                }
            }
        }
    }

    /**
     * Reports the first module that two of one delta's targets put a layer on (a prefix's attention
     * block).
     */
    private static void checkWithin(CheckedPart part, Report report) {
        Map<String, Target> first = new HashMap<>();
        for (Target t : part.targets().orElseThrow()) {
            Target earlier = first.putIfAbsent(t.placement(), t);
            if (earlier != null && !earlier.path().equals(t.path())) {
                // Excluding the deeper path never excludes the other, which contains it.
                String deeper =
                        t.path().length() > earlier.path().length() ? t.path() : earlier.path();
                report.addAt(
                        part.annotation().mirror(),
                        part.patternValue(t.pattern()),
                        Problem.CONFLICT,
                        patternOf(part, t),
                        patternOf(part, earlier),
                        t.placement(),
                        "",
                        deeper);
                return;
            }
        }
    }

    private static String patternOf(CheckedPart part, Target t) {
        List<String> patterns = part.patterns();
        return Problem.detail(
                Problem.PATTERN_OF,
                part.subject(),
                t.pattern() >= 0 && t.pattern() < patterns.size()
                        ? patterns.get(t.pattern())
                        : t.path());
    }

    private static Target firstOn(CheckedPart part, String placement) {
        return part.targets().orElseThrow().stream()
                .filter(t -> t.placement().equals(placement))
                .findFirst()
                .orElseThrow();
    }
}
