package org.delta4j.models.hf;

import ai.djl.nn.Block;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.models.ModelConfig;
import org.delta4j.tree.StructureExport;

/**
 * The structure catalogue the annotation processor ships: one {@code
 * <owner>--<name>.structure.json} per model, produced from the runtime's own model classes built
 * from the model's HF {@code config.json} (a copy of the hub's file under this package's test
 * resources), plus {@code index.txt} listing the names. Each such entry describes the base model,
 * as {@code AutoModel} loads it, whatever head the hub's {@code architectures} names; every other
 * class of its model type the runtime builds gets {@code <owner>--<name>.<Class>.structure.json}
 * (with the config's number of labels), and {@value #CLASSES} lists each model's classes, the base
 * first, a class with a classification head followed by {@code :} and its classifier's path.
 */
final class StructureCatalogue {
    /** The models in the catalogue: HF name, and the model class described. */
    static final Map<String, String> MODELS =
            modelClasses(
                    "facebook/bart-base",
                    "BartModel",
                    "bert-base-uncased",
                    "BertModel",
                    "bert-base-cased",
                    "BertModel",
                    "roberta-base",
                    "RobertaModel",
                    "distilbert-base-uncased",
                    "DistilBertModel",
                    "gpt2",
                    "GPT2Model",
                    "t5-small",
                    "T5Model",
                    "t5-base",
                    "T5Model",
                    "meta-llama/Llama-2-7b-hf",
                    "LlamaModel",
                    "TinyLlama/TinyLlama-1.1B-Chat-v1.0",
                    "LlamaModel",
                    "mistralai/Mistral-7B-v0.1",
                    "MistralModel",
                    "Qwen/Qwen2-0.5B",
                    "Qwen2Model",
                    "Qwen/Qwen2-1.5B",
                    "Qwen2Model",
                    "meta-llama/Meta-Llama-3-8B",
                    "LlamaModel");

    /** The file listing each model's classes. */
    static final String CLASSES = "classes.txt";

    /** The command that rewrites the committed catalogue. */
    static final String REGENERATE =
            "mvn -B -o -pl runtime -am test -Dtest=StructureCatalogueGenerator "
                    + "-Dsurefire.failIfNoSpecifiedTests=false -Ddelta4j.regenerateCatalogue=true";

    private StructureCatalogue() {}

    /**
     * @return the committed catalogue folder in the processor module
     */
    static Path directory() {
        Path runtime = Path.of(System.getProperty("basedir", "."));
        return runtime.resolve("../processor/src/main/resources/org/delta4j/processor/catalogue")
                .normalize();
    }

    /**
     * @return every catalogue file's name and its content as the runtime produces it now
     */
    static Map<String, String> render() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder index = new StringBuilder();
        StringBuilder classes = new StringBuilder();
        for (Map.Entry<String, String> model : MODELS.entrySet()) {
            String name = model.getKey();
            String stem = stem(name);
            ModelConfig config = config(name);
            Block block = Architectures.build(model.getValue(), config);
            files.put(stem + ".structure.json", StructureExport.of(block, name).toJson());
            index.append(name).append('\n');
            classes.append(name).append(' ').append(model.getValue());
            for (String head : heads(name)) {
                Block headModel = Architectures.build(head, config);
                files.put(fileName(name, head), StructureExport.of(headModel, name).toJson());
                classes.append(' ').append(head);
                Architectures.classifier(head).ifPresent(c -> classes.append(':').append(c));
            }
            classes.append('\n');
        }
        files.put("index.txt", index.toString());
        files.put(CLASSES, classes.toString());
        return files;
    }

    /**
     * @param name a catalogue model
     * @return the other classes of its model type, those with a head, in registration order
     */
    static List<String> heads(String name) throws IOException {
        List<String> all = new ArrayList<>(Architectures.classesOf(config(name).modelType()));
        all.remove(MODELS.get(name));
        return all;
    }

    /**
     * @param name a catalogue model
     * @param modelClass one of its {@link #heads}
     * @return the name of that class's structure file
     */
    static String fileName(String name, String modelClass) {
        return stem(name) + "." + modelClass + ".structure.json";
    }

    /**
     * @param name a catalogue model
     * @return its HF config, from the copy of the hub's file
     */
    static ModelConfig config(String name) throws IOException {
        return HfModels.readConfig(configDir(stem(name)));
    }

    private static String stem(String name) {
        return name.replace("/", "--");
    }

    private static Map<String, String> modelClasses(String... nameThenClass) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) {
            m.put(nameThenClass[i], nameThenClass[i + 1]);
        }
        return m;
    }

    /**
     * @param stem a catalogue model's name with {@code /} as {@code --}
     * @return the folder holding its hub {@code config.json}
     */
    static Path configDir(String stem) {
        try {
            return Path.of(StructureCatalogue.class.getResource("catalogue/" + stem).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
