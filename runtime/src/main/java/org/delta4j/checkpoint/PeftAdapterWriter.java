package org.delta4j.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.delta.AttachedDelta;
import org.delta4j.delta.DeltaValues;
import org.delta4j.delta.Tuning;
import org.delta4j.delta.lora.LoraSpec;
import org.delta4j.delta.lora.LowRankLinear;
import org.delta4j.io.AtomicFolder;
import org.delta4j.io.Safetensors;
import org.delta4j.tree.ModuleTree;

/**
 * Writes one attached LoRA delta, and the modules trained beside it, as a PEFT adapter folder
 * ({@link PeftAdapter#save}), whole or not at all.
 */
final class PeftAdapterWriter {
    private PeftAdapterWriter() {}

    /** See {@link PeftAdapter#save(Tuning, Path, String)}. */
    static void save(Tuning tuning, Path dir, String baseModelNameOrPath) throws IOException {
        if (!tuning.isAttached()) {
            throw new IllegalStateException(
                    "the deltas are detached; reattach() them to save them");
        }
        AttachedDelta delta = onlyLora(tuning);
        LoraSpec spec = (LoraSpec) delta.spec();
        Map<String, Parameter> params = DeltaValues.canonicalParameters(tuning);
        Map<String, NDArray> weights = new LinkedHashMap<>();
        boolean fanInFanOut = false;
        ModuleTree tree = ModuleTree.of(tuning.backbone());
        for (String module : delta.modifiedModules()) {
            for (String matrix : PeftKeys.MATRICES) {
                Parameter p = params.get(PeftKeys.canonicalPath(module, matrix));
                weights.put(PeftKeys.key(module, matrix), p.getArray());
            }
            fanInFanOut |=
                    ((LowRankLinear) tree.module(layerOf(delta, module)).block()).fanInFanOut();
        }
        tuning.copyParameters()
                .forEach((path, p) -> weights.put(PeftKeys.savedKey(path), p.getArray()));
        PeftAdapterConfig config =
                new PeftAdapterConfig(
                        spec.r(),
                        spec.alpha(),
                        spec.dropout(),
                        PeftTargets.shortestNames(delta.modifiedModules(), tree.backbonePaths()),
                        null,
                        fanInFanOut,
                        baseModelNameOrPath,
                        taskType(tree.root().type()),
                        null,
                        tuning.modulesToSave());
        AtomicFolder.write(
                dir,
                tmp -> {
                    Safetensors.write(tmp.resolve(PeftAdapter.WEIGHTS), weights, Map.of());
                    Files.writeString(tmp.resolve(PeftAdapter.CONFIG), config.toJson());
                });
    }

    private static AttachedDelta onlyLora(Tuning tuning) {
        List<AttachedDelta> deltas = tuning.deltas();
        if (deltas.size() != 1 || !(deltas.get(0).spec() instanceof LoraSpec)) {
            List<String> methods = deltas.stream().map(d -> d.spec().method()).toList();
            throw new IllegalArgumentException(
                    "A PEFT LoRA adapter holds exactly one LoRA delta; these deltas are "
                            + methods
                            + ".");
        }
        return deltas.get(0);
    }

    /**
     * The path of a delta's LoRA layer on a module (it is {@code lora}, or {@code lora_1} beside
     * another).
     */
    private static String layerOf(AttachedDelta delta, String module) {
        for (String layer : delta.layers()) {
            if (layer.startsWith(module + ".") && layer.indexOf('.', module.length() + 1) < 0) {
                return layer;
            }
        }
        throw new IllegalStateException("no LoRA layer on " + module);
    }

    private static String taskType(String modelClass) {
        if (modelClass.endsWith("LMHeadModel") || modelClass.endsWith("ForCausalLM")) {
            return "CAUSAL_LM";
        }
        if (modelClass.endsWith("ForSequenceClassification")) {
            return "SEQ_CLS";
        }
        return modelClass.endsWith("ForConditionalGeneration") ? "SEQ_2_SEQ_LM" : null;
    }
}
