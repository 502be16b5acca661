package org.delta4j.spec;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model's structure without its weights: every module path with its type and its directly owned parameters'
 * shapes. The runtime exports it from any model; the annotation processor reads it to check patterns at compile
 * time. The JSON form is stable and documented in the README.
 */
public final class ModelStructure {
    /** The format tag written into every structure file. */
    public static final String FORMAT = "delta4j-structure/1";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** One module: its dotted path ({@code ""} for the root), its type, and its own parameters' shapes. */
    public static final class Module {
        private final String path;
        private final String type;
        private final Map<String, long[]> parameters;

        /**
         * @param path the dotted path, {@code ""} for the root
         * @param type the module type, such as {@code Linear}
         * @param parameters the directly owned parameters by local name, with their shapes, in order
         */
        public Module(String path, String type, Map<String, long[]> parameters) {
            this.path = Objects.requireNonNull(path, "path");
            this.type = Objects.requireNonNull(type, "type");
            this.parameters = new LinkedHashMap<>(parameters);
        }

        /** @return the dotted path, {@code ""} for the root */
        public String path() {
            return path;
        }

        /** @return the module type, such as {@code Linear} */
        public String type() {
            return type;
        }

        /** @return the directly owned parameters by local name, with their shapes */
        public Map<String, long[]> parameters() {
            return parameters;
        }
    }

    private final String format = FORMAT;
    private final String name;
    private final String modelClass;
    private final List<Module> modules;

    /**
     * @param name the model's name, such as {@code facebook/bart-base}
     * @param modelClass the model class, such as {@code BartModel}
     * @param modules every module in tree order, the root first
     */
    public ModelStructure(String name, String modelClass, List<Module> modules) {
        this.name = Objects.requireNonNull(name, "name");
        this.modelClass = Objects.requireNonNull(modelClass, "modelClass");
        this.modules = List.copyOf(modules);
    }

    /** @return the model's name */
    public String name() {
        return name;
    }

    /** @return the model class */
    public String modelClass() {
        return modelClass;
    }

    /** @return every module in tree order, the root first */
    public List<Module> modules() {
        return modules;
    }

    /** @return every module path in tree order, the root ({@code ""}) first */
    public List<String> paths() {
        List<String> paths = new ArrayList<>(modules.size());
        for (Module m : modules) {
            paths.add(m.path());
        }
        return paths;
    }

    /**
     * @param path a module path
     * @return the module at that path, or {@code null}
     */
    public Module module(String path) {
        for (Module m : modules) {
            if (m.path().equals(path)) {
                return m;
            }
        }
        return null;
    }

    /** @return the structure as JSON */
    public String toJson() {
        return GSON.toJson(this) + "\n";
    }

    /**
     * Reads a structure written by {@link #toJson()}.
     *
     * @param json the JSON text
     * @return the structure
     * @throws IllegalArgumentException when the text is not a delta4j structure
     */
    public static ModelStructure fromJson(String json) {
        ModelStructure s;
        try {
            s = GSON.fromJson(json, ModelStructure.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        if (s == null || !FORMAT.equals(s.format)) {
            throw new IllegalArgumentException("expected a JSON object with \"format\": \"" + FORMAT + "\"");
        }
        if (s.name == null || s.modelClass == null || s.modules == null || s.modules.stream().anyMatch(
                m -> m == null || m.path == null || m.type == null || m.parameters == null)) {
            throw new IllegalArgumentException("expected \"name\", \"modelClass\" and \"modules\" with a \"path\", "
                    + "\"type\" and \"parameters\" each");
        }
        return s;
    }
}
