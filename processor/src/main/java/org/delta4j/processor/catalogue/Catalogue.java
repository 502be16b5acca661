package org.delta4j.processor.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.delta4j.spec.ModelStructure;
import org.delta4j.spec.Problem;
import org.delta4j.spec.SpecException;

/**
 * The structures of the backbones the processor knows by name, bundled as resources next to this
 * class: {@value #INDEX} lists the names, one a line, and each name's structure is in {@code <name
 * with "/" as "--">.structure.json}.
 */
public final class Catalogue {
    /** The resource listing the known backbone names. */
    public static final String INDEX = "index.txt";

    private final Map<String, ModelStructure> loaded = new HashMap<>();
    private List<String> names;

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
     * @return its structure
     * @throws SpecException tagged {@link Problem#UNKNOWN_BACKBONE} when the name is not in the
     *     index, or {@link Problem#BAD_STRUCTURE} when its file is missing or broken
     */
    public ModelStructure load(String name) {
        if (!names().contains(name)) {
            throw Problem.UNKNOWN_BACKBONE.exception(name, names());
        }
        ModelStructure s = loaded.get(name);
        if (s == null) {
            String file = fileName(name);
            String json = read(file);
            if (json == null) {
                throw Structures.badStructure(file, "the catalogue lists it but has no such file");
            }
            s = Structures.parse(file, json);
            loaded.put(name, s);
        }
        return s;
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
