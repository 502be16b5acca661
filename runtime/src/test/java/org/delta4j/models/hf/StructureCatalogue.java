package org.delta4j.models.hf;

import ai.djl.nn.Block;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.delta4j.models.ModelConfig;
import org.delta4j.tree.StructureExport;

/**
 * The structure catalogue the annotation processor ships: one {@code
 * <owner>--<name>.structure.json} per model, produced from the runtime's own model classes built
 * from the model's HF {@code config.json} (a copy of the hub's file under this package's test
 * resources), plus {@code index.txt} listing the names. Each entry names the model class whose
 * structure it describes: the base model, as {@code AutoModel} loads it, whatever head the hub's
 * {@code architectures} names.
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
                    "T5Model");

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
        for (Map.Entry<String, String> model : MODELS.entrySet()) {
            String name = model.getKey();
            String stem = name.replace("/", "--");
            ModelConfig config = HfModels.readConfig(configDir(stem));
            Block block = Architectures.build(model.getValue(), config);
            files.put(stem + ".structure.json", StructureExport.of(block, name).toJson());
            index.append(name).append('\n');
        }
        files.put("index.txt", index.toString());
        return files;
    }

    private static Map<String, String> modelClasses(String... nameThenClass) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) {
            m.put(nameThenClass[i], nameThenClass[i + 1]);
        }
        return m;
    }

    private static Path configDir(String stem) {
        try {
            return Path.of(StructureCatalogue.class.getResource("catalogue/" + stem).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
