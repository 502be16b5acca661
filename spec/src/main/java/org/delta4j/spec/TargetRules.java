package org.delta4j.spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Whether a delta method can modify a module of a {@link ModelStructure}, by the rules its runtime
 * method applies when it plans: LoRA needs a linear layer, the adapters a known output size,
 * Compacter sizes its hypercomplex division divides, prefix tuning an attention block, a soft
 * prompt an encoder. Each rule throws the problem the runtime reports, with a fix drawn from the
 * structure where one helps.
 */
public final class TargetRules {
    /** How many names or values a fix offers at most. */
    static final int OFFERS = 3;

    private TargetRules() {}

    /**
     * LoRA's rule: the target is a linear layer.
     *
     * @param method the method, for its name in the reason
     * @param subject how to name the delta in the message, such as {@code @Lora}
     * @param structure the backbone's structure
     * @param target the module
     * @throws SpecException tagged {@link Problem#UNSUPPORTED_MODULE}, naming the linear layers
     *     inside the target
     */
    public static void linear(
            Method method, String subject, ModelStructure structure, ModelStructure.Module target) {
        if (ModuleKinds.isLinear(target)) {
            return;
        }
        List<String> inside = new ArrayList<>();
        for (ModelStructure.Module m : structure.descendants(target.path())) {
            if (ModuleKinds.isLinear(m) && inside.size() < OFFERS) {
                inside.add(inside(target, m));
            }
        }
        throw unsupported(
                subject,
                target,
                inside.isEmpty()
                        ? Problem.detail(Problem.LINEAR_ONLY_NONE_INSIDE, method.title())
                        : Problem.detail(
                                Problem.LINEAR_ONLY, method.title(), Wording.quotedEither(inside)));
    }

    /**
     * BitFit's rule: the target or a module under it has a bias, or can be given one (a linear
     * layer, or a leaf with parameters and a known output size).
     *
     * @param subject how to name the delta in the message
     * @param structure the backbone's structure
     * @param target the module
     * @throws SpecException tagged {@link Problem#UNSUPPORTED_MODULE}
     */
    public static void biases(
            String subject, ModelStructure structure, ModelStructure.Module target) {
        if (!hasOrTakesBias(structure, target)
                && structure.descendants(target.path()).stream()
                        .noneMatch(m -> hasOrTakesBias(structure, m))) {
            throw unsupported(subject, target, Problem.NO_BIAS);
        }
    }

    private static boolean hasOrTakesBias(ModelStructure structure, ModelStructure.Module m) {
        return m.parameters().containsKey("bias")
                || ModuleKinds.isLinear(m)
                || (!m.parameters().isEmpty()
                        && structure.children(m.path()).isEmpty()
                        && ModuleKinds.out(m).isPresent());
    }

    /**
     * The adapters' rule: the target's output size is known.
     *
     * @param subject how to name the delta in the message
     * @param target the module
     * @return its output size
     * @throws SpecException tagged {@link Problem#UNSUPPORTED_MODULE}
     */
    public static long hidden(String subject, ModelStructure.Module target) {
        OptionalLong out = ModuleKinds.out(target);
        if (out.isEmpty()) {
            throw unsupported(subject, target, Problem.OUTPUT_SIZE_UNKNOWN);
        }
        return out.getAsLong();
    }

    /**
     * The rule of adapters sized by a reduction factor: the bottleneck, {@code size /
     * reductionFactor}, is at least 1.
     *
     * @param subject how to name the delta in the message
     * @param target the module
     * @param reductionFactor the reduction factor, at least 1
     * @return the bottleneck
     * @throws SpecException tagged {@link Problem#UNSUPPORTED_MODULE}, or {@link
     *     Problem#INDIVISIBLE} about {@code reductionFactor}
     */
    public static long bottleneck(
            String subject, ModelStructure.Module target, int reductionFactor) {
        long hidden = hidden(subject, target);
        long bottleneck = hidden / reductionFactor;
        if (bottleneck < 1) {
            throw Problem.INDIVISIBLE.exceptionAbout(
                    "reductionFactor",
                    subject,
                    target.path(),
                    Problem.detail(Problem.NO_BOTTLENECK, hidden, reductionFactor, hidden));
        }
        return bottleneck;
    }

    /**
     * Compacter's rule: the size and the bottleneck are both divisible by the hypercomplex
     * division.
     *
     * @param subject how to name the delta in the message
     * @param target the module
     * @param reductionFactor the reduction factor, at least 1
     * @param division the hypercomplex division, at least 1
     * @throws SpecException tagged {@link Problem#UNSUPPORTED_MODULE}, or {@link
     *     Problem#INDIVISIBLE} about {@code reductionFactor} or {@code hypercomplexDivision},
     *     offering values that divide
     */
    public static void hypercomplex(
            String subject, ModelStructure.Module target, int reductionFactor, int division) {
        long hidden = hidden(subject, target);
        long bottleneck = bottleneck(subject, target, reductionFactor);
        if (hidden % division == 0 && bottleneck % division == 0) {
            return;
        }
        String fix = HypercomplexFixes.fix(hidden, bottleneck, reductionFactor, division);
        throw Problem.INDIVISIBLE.exceptionAbout(
                "hypercomplexDivision",
                subject,
                target.path(),
                Problem.detail(
                        Problem.HYPERCOMPLEX_INDIVISIBLE,
                        hidden,
                        hidden,
                        reductionFactor,
                        bottleneck,
                        division,
                        fix));
    }

    /**
     * The parallel adapter's rule: the target's input and output sizes are known.
     *
     * @param subject how to name the delta in the message
     * @param target the module
     * @throws SpecException tagged {@link Problem#UNSUPPORTED_MODULE}
     */
    public static void inAndOut(String subject, ModelStructure.Module target) {
        if (ModuleKinds.in(target).isEmpty() || ModuleKinds.out(target).isEmpty()) {
            throw unsupported(subject, target, Problem.INPUT_OUTPUT_SIZE_UNKNOWN);
        }
    }

    /**
     * Prefix tuning's rule: the target is an attention block or has exactly one among its children.
     *
     * @param subject how to name the delta in the message
     * @param structure the backbone's structure
     * @param target the module
     * @return the attention block the prefix goes on
     * @throws SpecException tagged {@link Problem#UNSUPPORTED_MODULE}, naming attention blocks
     *     inside the target
     */
    public static ModelStructure.Module attention(
            String subject, ModelStructure structure, ModelStructure.Module target) {
        ModelStructure.Module attention = ModuleKinds.attentionOf(structure, target);
        if (attention != null) {
            return attention;
        }
        Set<String> inside = new LinkedHashSet<>();
        for (ModelStructure.Module m : structure.descendants(target.path())) {
            if (ModuleKinds.isAttention(structure, m) && inside.size() < OFFERS) {
                inside.add(inside(target, m));
            }
        }
        throw unsupported(
                subject,
                target,
                Problem.detail(
                        Problem.ATTENTION_ONLY,
                        inside.isEmpty()
                                ? ""
                                : Problem.detail(
                                        Problem.ATTENTION_INSIDE,
                                        Wording.quotedEither(List.copyOf(inside)))));
    }

    /**
     * The soft prompt's rule: the backbone embeds its own tokens, in an encoder or at its root.
     *
     * @param subject how to name the delta in the message
     * @param structure the backbone's structure
     * @return where the soft prompt goes: the encoder's path, or {@code ""} for the root
     * @throws SpecException tagged {@link Problem#UNSUPPORTED_MODULE} about the root
     */
    public static String encoder(String subject, ModelStructure structure) {
        if (structure.encoder() == null) {
            throw Problem.UNSUPPORTED_MODULE.exception(
                    subject, "", structure.modelClass(), Problem.ENCODER_ONLY);
        }
        return structure.encoder();
    }

    /**
     * A pattern for a module inside the target: its path below the target, after the target's own
     * name unless that is a layer number, so {@code self_attn.q_proj} but {@code attention.self},
     * not {@code 0.attention.self}.
     */
    private static String inside(ModelStructure.Module target, ModelStructure.Module m) {
        String below =
                m.path().substring(target.path().length() + (target.path().isEmpty() ? 0 : 1));
        return target.name().isEmpty() || target.name().chars().allMatch(Character::isDigit)
                ? below
                : target.name() + "." + below;
    }

    private static SpecException unsupported(
            String subject, ModelStructure.Module target, String reason) {
        return Problem.UNSUPPORTED_MODULE.exception(subject, target.path(), target.type(), reason);
    }
}
