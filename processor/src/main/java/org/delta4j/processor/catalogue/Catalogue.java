package org.delta4j.processor.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.delta4j.spec.ModelStructure;
import org.delta4j.spec.Problem;
import org.delta4j.spec.SpecException;

/**
 * The structures of the backbones the processor knows by name, bundled as resources next to this
 * class: {@value #INDEX} lists the names, one a line, and each name's structure is in {@code <name
 * with "/" as "--">.structure.json}. That is its base model's; {@value #CLASSES} lists each name's
 * model classes, the base first, a class with a classification head followed by {@code :} and its
 * classifier's path, and each other class's structure is in {@code <name with "/" as
 * "--">.<class>.structure.json}.
 */
public final class Catalogue {
    /** The resource listing the known backbone names. */
    public static final String INDEX = "index.txt";

    /** The resource listing each backbone's model classes. */
    public static final String CLASSES = "classes.txt";

    /**
     * A model class of a catalogue backbone.
     *
     * @param name the HF class name, such as {@code BertForSequenceClassification}
     * @param classifier the path of its linear classifier, whose outputs are the number of labels;
     *     empty for a class without a classification head
     */
    public record ModelClass(String name, Optional<String> classifier) {}

    private final Map<String, ModelStructure> loaded = new HashMap<>();
    private List<String> names;
    private Map<String, List<ModelClass>> classes;

    private Catalogue() {}

    /**
     * @return the catalogue bundled with the processor, read on first use
     */
    public static Catalogue bundled() {
        return new Catalogue();
    }

    /**
     * @return the known backbone names, in the index's order
     * @throws IllegalStateException when the index is missing, which means a broken processor jar
     */
    public List<String> names() {
        if (names == null) {
            String index = read(INDEX);
            if (index == null) {
                throw new IllegalStateException("the processor jar has no catalogue " + INDEX);
            }
            names = index.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        }
        return names;
    }

    /**
     * @param name a backbone name, such as {@code facebook/bart-base}
     * @return the file name of its structure, such as {@code facebook--bart-base.structure.json}
     */
    public static String fileName(String name) {
        return name.replace("/", "--") + ".structure.json";
    }

    /**
     * @param name a backbone name
     * @param modelClass one of its model classes other than the base
     * @return the file name of that class's structure, such as {@code
     *     gpt2.GPT2LMHeadModel.structure.json}
     */
    public static String fileName(String name, String modelClass) {
        return name.replace("/", "--") + "." + modelClass + ".structure.json";
    }

    /**
     * @param name a backbone name
     * @return its base model's structure
     * @throws SpecException tagged {@link Problem#UNKNOWN_BACKBONE} when the name is not in the
     *     index, or {@link Problem#BAD_STRUCTURE} when its file is missing or broken
     */
    public ModelStructure load(String name) {
        requireKnown(name);
        return loadFile(fileName(name));
    }

    /**
     * @param name a backbone name
     * @param modelClass one of its {@link #classes}
     * @return that class's structure
     * @throws SpecException tagged {@link Problem#UNKNOWN_BACKBONE} when the name is not in the
     *     index, or {@link Problem#BAD_STRUCTURE} when its file is missing or broken
     * @throws IllegalArgumentException when the backbone has no such class
     */
    public ModelStructure load(String name, String modelClass) {
        List<ModelClass> known = classes(name);
        if (known.stream().noneMatch(c -> c.name().equals(modelClass))) {
            throw new IllegalArgumentException(name + " has no model class " + modelClass);
        }
        return known.get(0).name().equals(modelClass)
                ? load(name)
                : loadFile(fileName(name, modelClass));
    }

    /**
     * @param name a backbone name
     * @return its model classes, the base model first
     * @throws SpecException tagged {@link Problem#UNKNOWN_BACKBONE} when the name is not in the
     *     index
     * @throws IllegalStateException when {@value #CLASSES} is missing or does not list it, which
     *     means a broken processor jar
     */
    public List<ModelClass> classes(String name) {
        requireKnown(name);
        List<ModelClass> of = allClasses().get(name);
        if (of == null || of.isEmpty()) {
            throw new IllegalStateException(
                    "the processor's catalogue " + CLASSES + " omits " + name);
        }
        return of;
    }

    /**
     * @param modelClass an HF class name
     * @return the backbones that have it, in the index's order; empty when none does
     */
    public List<String> backbonesWith(String modelClass) {
        return names().stream()
                .filter(n -> classes(n).stream().anyMatch(c -> c.name().equals(modelClass)))
                .toList();
    }

    private void requireKnown(String name) {
        if (!names().contains(name)) {
            throw Problem.UNKNOWN_BACKBONE.exception(name, names());
        }
    }

    private ModelStructure loadFile(String file) {
        ModelStructure s = loaded.get(file);
        if (s == null) {
            String json = read(file);
            if (json == null) {
                throw Structures.badStructure(file, "the catalogue lists it but has no such file");
            }
            s = Structures.parse(file, json);
            loaded.put(file, s);
        }
        return s;
    }

    private Map<String, List<ModelClass>> allClasses() {
        if (classes == null) {
            String text = read(CLASSES);
            if (text == null) {
                throw new IllegalStateException("the processor jar has no catalogue " + CLASSES);
            }
            classes = new HashMap<>();
            text.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .forEach(
                            line -> {
                                String[] words = line.split("\\s+");
                                List<ModelClass> of = new ArrayList<>();
                                for (int i = 1; i < words.length; i++) {
                                    String[] parts = words[i].split(":", 2);
                                    of.add(
                                            new ModelClass(
                                                    parts[0],
                                                    parts.length == 2
                                                            ? Optional.of(parts[1])
                                                            : Optional.empty()));
                                }
                                classes.put(words[0], List.copyOf(of));
                            });
        }
        return classes;
    }

    /**
     * @return the resource's text, or {@code null} when there is no such resource
     */
    private static String read(String resource) {
        URL url = Catalogue.class.getResource(resource);
        if (url == null) {
            return null;
        }
        try {
            URLConnection connection = url.openConnection();
            // A build daemon keeps processor class loaders alive; a cached jar could hide a
            // replaced processor jar.
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the processor's resource " + resource, e);
        }
    }
}
