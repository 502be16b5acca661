package org.delta4j.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The fix {@link TargetRules#hypercomplex} offers when Compacter's hypercomplex division does not
 * divide a module's size or bottleneck: the nearest reduction factors and divisions that do.
 */
final class HypercomplexFixes {
    private HypercomplexFixes() {}

    /**
     * @param hidden the module's size
     * @param bottleneck the bottleneck the reduction factor gives
     * @param reductionFactor the reduction factor asked for
     * @param division the hypercomplex division asked for
     * @return the fix, {@link Problem#HYPERCOMPLEX_FIX} filled with the values that divide
     */
    static String fix(long hidden, long bottleneck, int reductionFactor, int division) {
        List<String> fixes = new ArrayList<>();
        List<Long> factors = factorsThatDivide(hidden, reductionFactor, division);
        if (!factors.isEmpty()) {
            fixes.add("reductionFactor = " + Wording.either(factors));
        }
        fixes.add(
                "hypercomplexDivision = "
                        + Wording.either(divisors(gcd(hidden, bottleneck), division)));
        return Problem.detail(Problem.HYPERCOMPLEX_FIX, String.join(", or ", fixes));
    }

    /**
     * The reduction factors nearest the given one (one below, one above) whose bottleneck the
     * division divides.
     */
    private static List<Long> factorsThatDivide(long hidden, int reductionFactor, int division) {
        List<Long> found = new ArrayList<>();
        if (hidden % division != 0) {
            return found;
        }
        for (long f = reductionFactor - 1; f >= 1; f--) {
            if ((hidden / f) % division == 0) {
                found.add(f);
                break;
            }
        }
        for (long f = reductionFactor + 1; hidden / f >= division; f++) {
            if ((hidden / f) % division == 0) {
                found.add(f);
                break;
            }
        }
        return found;
    }

    /** Up to {@value TargetRules#OFFERS} divisors of {@code n}, nearest to {@code near} first. */
    private static List<Long> divisors(long n, long near) {
        List<Long> all = new ArrayList<>();
        for (long d = 1; d <= n; d++) {
            if (n % d == 0) {
                all.add(d);
            }
        }
        all.sort(
                (a, b) ->
                        a.equals(b)
                                ? 0
                                : Math.abs(a - near) != Math.abs(b - near)
                                        ? Long.compare(Math.abs(a - near), Math.abs(b - near))
                                        : Long.compare(b, a));
        return all.subList(0, Math.min(TargetRules.OFFERS, all.size()));
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
