package org.delta4j.delta.softprompt;

import java.util.List;
import org.delta4j.backbone.HasEncoder;
import org.delta4j.backbone.HasInputEmbeddings;
import org.delta4j.backbone.TakesNamedInputs;
import org.delta4j.delta.Addressing;
import org.delta4j.delta.Attachment;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.delta.DeltaSpec;
import org.delta4j.nn.Embedding;
import org.delta4j.spec.Method;
import org.delta4j.spec.Problem;
import org.delta4j.tree.Module;
import org.delta4j.tree.ModuleTree;

/**
 * Puts a {@link SoftPromptLayer} where the tokens come in: before the encoder of an encoder-decoder
 * model, as an input hook of the root otherwise. Module patterns play no part, as in OpenDelta.
 */
final class SoftPromptMethod implements DeltaMethod {
    private final SoftPromptSpec spec;

    SoftPromptMethod(SoftPromptSpec spec) {
        this.spec = spec;
    }

    @Override
    public String layerName() {
        return Method.SOFT_PROMPT.layerName();
    }

    @Override
    public List<String> targets(Addressing addressing, DeltaSpec delta) {
        ModuleTree tree = addressing.tree();
        Object root = tree.root().shown();
        if (root instanceof HasInputEmbeddings && root instanceof HasEncoder) {
            return List.of(((HasEncoder) root).encoderPath());
        }
        if (root instanceof TakesNamedInputs) {
            return List.of("");
        }
        throw Problem.UNSUPPORTED_MODULE.exception(
                "SoftPrompt",
                "",
                tree.root().type(),
                "soft prompts need a model that embeds its own tokens: an encoder-decoder model "
                        + "(HasEncoder) or a model that takes input hooks (TakesNamedInputs), as delta4j's backbones.");
    }

    @Override
    public void check(Module target, Addressing addressing) {
        // targets() already chose the one module a soft prompt can go on.
    }

    @Override
    public void attach(List<Module> targets, Attachment attachment) {
        Object root = attachment.tree().root().shown();
        Embedding table = ((HasInputEmbeddings) root).inputEmbeddings();
        if (targets.get(0).path().isEmpty()) {
            List<String> names = ((TakesNamedInputs) root).inputNames();
            attachment.addRootInputHook(layerName(), new SoftPromptLayer(spec, table, names));
        } else {
            attachment.addLayer(
                    targets.get(0), layerName(), new SoftPromptLayer(spec, table, List.of()));
        }
    }
}
