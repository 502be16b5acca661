package org.delta4j.delta.softprompt;

import java.util.List;
import org.delta4j.delta.Addressing;
import org.delta4j.delta.Attachment;
import org.delta4j.delta.DeltaMethod;
import org.delta4j.delta.DeltaSpec;
import org.delta4j.models.HasEncoder;
import org.delta4j.models.HasInputEmbeddings;
import org.delta4j.spec.Problem;
import org.delta4j.spec.SpecException;
import org.delta4j.tree.Module;
import org.delta4j.tree.ModuleTree;

/**
 * Puts a {@link SoftPromptLayer} on the module that embeds the tokens: the encoder of an encoder-decoder model.
 * Module patterns play no part, as in OpenDelta.
 */
final class SoftPromptMethod implements DeltaMethod {
    private final SoftPromptSpec spec;

    SoftPromptMethod(SoftPromptSpec spec) {
        this.spec = spec;
    }

    @Override
    public String layerName() {
        return "soft_prompt_layer";
    }

    @Override
    public List<String> targets(Addressing addressing, DeltaSpec delta) {
        ModuleTree tree = addressing.tree();
        Object root = tree.root().shown();
        if (!(root instanceof HasInputEmbeddings) || !(root instanceof HasEncoder)) {
            throw new SpecException(Problem.UNSUPPORTED_MODULE, Problem.UNSUPPORTED_MODULE.format("SoftPrompt", "",
                    tree.root().type(), "soft prompts go on the encoder of an encoder-decoder model that exposes its "
                            + "input embeddings (HasInputEmbeddings, HasEncoder), such as BART."));
        }
        return List.of(((HasEncoder) root).encoderPath());
    }

    @Override
    public void check(Module target) {
        // targets() already chose the one module a soft prompt can go on.
    }

    @Override
    public void attach(List<Module> targets, Attachment attachment) {
        HasInputEmbeddings root = (HasInputEmbeddings) attachment.tree().root().shown();
        attachment.addLayer(targets.get(0), layerName(), new SoftPromptLayer(spec, root.inputEmbeddings()));
    }
}
