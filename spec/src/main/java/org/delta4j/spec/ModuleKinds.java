package org.delta4j.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a module of a {@link ModelStructure} is, as far as the delta methods care: a linear layer,
 * an attention block, and the sizes of its input and output. The one place for this knowledge on
 * structures; the runtime's structure export is tested to agree with it on every catalogue model.
 *
 * <ul>
 *   <li>A linear layer is a module of type {@code Linear} (delta4j's or DJL's) or {@code Conv1D}
 *       (GPT-2's transposed linear layer).
 *   <li>An attention block is a module whose type ends in {@value #ATTENTION_SUFFIX} and that has
 *       no such child: {@code BartAttention}, {@code BertSelfAttention}, {@code
 *       MultiHeadSelfAttention}, {@code T5Attention}, but not BERT's {@code BertAttention}, which
 *       wraps a {@code BertSelfAttention}.
 *   <li>Sizes are the structure's recorded {@code in} and {@code out} where present; otherwise a
 *       linear layer's weight is {@code [out, in]} and a {@code LayerNorm}'s weight is {@code
 *       [size]}.
 * </ul>
 */
public final class ModuleKinds {
    /** The type of a linear layer whose weight is {@code [out, in]}. */
    public static final String LINEAR = "Linear";

    /** The types of linear layers. */
    public static final Set<String> LINEAR_TYPES = Set.of(LINEAR, "Conv1D");

    /** How the type of an attention block ends. */
    public static final String ATTENTION_SUFFIX = "Attention";

    /** The type of a layer norm, whose weight has the module's size. */
    public static final String LAYER_NORM = "LayerNorm";

    private ModuleKinds() {}

    /**
     * @param module a module
     * @return whether it is a linear layer: a known linear type, or a module with known sizes whose
     *     own 2-d {@code weight} maps one to the other (a user's subclass of DJL's {@code Linear})
     */
    public static boolean isLinear(ModelStructure.Module module) {
        if (LINEAR_TYPES.contains(module.type())) {
            return true;
        }
        long[] w = module.parameters().get("weight");
        if (w == null || w.length != 2 || module.in().isEmpty() || module.out().isEmpty()) {
            return false;
        }
        long in = module.in().getAsLong();
        long out = module.out().getAsLong();
        return (w[0] == out && w[1] == in) || (w[0] == in && w[1] == out);
    }

    /**
     * @param structure the model's structure
     * @param module one of its modules
     * @return whether it is an attention block: its type ends in {@value #ATTENTION_SUFFIX}, and no
     *     child's does
     */
    public static boolean isAttention(ModelStructure structure, ModelStructure.Module module) {
        return attentionType(module)
                && structure.children(module.path()).stream().noneMatch(ModuleKinds::attentionType);
    }

    /**
     * The attention block prefix tuning modifies for a target: the target itself when it is one,
     * else its one attention child.
     *
     * @param structure the model's structure
     * @param module the target
     * @return the attention block, or {@code null} when there is none or more than one
     */
    public static ModelStructure.Module attentionOf(
            ModelStructure structure, ModelStructure.Module module) {
        if (isAttention(structure, module)) {
            return module;
        }
        List<ModelStructure.Module> attention = new ArrayList<>();
        for (ModelStructure.Module child : structure.children(module.path())) {
            if (isAttention(structure, child)) {
                attention.add(child);
            }
        }
        return attention.size() == 1 ? attention.get(0) : null;
    }

    /**
     * @param module a module
     * @return the size of its first output's last axis, when known
     */
    public static OptionalLong out(ModelStructure.Module module) {
        return module.out().isPresent() ? module.out() : weightDim(module, 0);
    }

    /**
     * @param module a module
     * @return the size of its first input's last axis, when known
     */
    public static OptionalLong in(ModelStructure.Module module) {
        if (module.in().isPresent()) {
            return module.in();
        }
        return weightDim(module, LAYER_NORM.equals(module.type()) ? 0 : 1);
    }

    private static boolean attentionType(ModelStructure.Module module) {
        return module.type().endsWith(ATTENTION_SUFFIX);
    }

    /**
     * A {@code Linear}'s weight is {@code [out, in]}, a layer norm's {@code [size]}; {@code Conv1D}
     * records sizes.
     */
    private static OptionalLong weightDim(ModelStructure.Module module, int axis) {
        long[] weight = module.parameters().get("weight");
        boolean shaped =
                (LINEAR.equals(module.type()) && weight != null && weight.length == 2)
                        || (LAYER_NORM.equals(module.type())
                                && weight != null
                                && weight.length == 1);
        return shaped ? OptionalLong.of(weight[axis]) : OptionalLong.empty();
    }
}
