package org.delta4j.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A model's structure without its weights: every module path with its type and its directly owned
 * parameters' shapes. The runtime exports it from any model; the annotation processor reads it to
 * check patterns at compile time. The JSON form is stable and documented in the README.
 *
 * <p>Optional fields, which older files lack and readers must do without: per module, its unified
 * names ({@code "unified"}, OpenDelta's common structure, such as {@code encoder.block.0.attn.q})
 * and the sizes of its first input and output where the runtime knows them ({@code "in"}, {@code
 * "out"}); per model, the path of the encoder that a soft prompt goes on ({@code "encoder"}), set
 * only for encoder-decoder models that expose their input embeddings. Absent fields are not
 * written.
 */
public final class ModelStructure {
    /** The format tag written into every structure file. */
    public static final String FORMAT = "delta4j-structure/1";

    /**
     * One module: its dotted path ({@code ""} for the root), its type, and its own parameters'
     * shapes.
     */
    public static final class Module {
        private final String path;
        private final String type;
        private final List<String> unified;
        private final Long in;
        private final Long out;
        private final Map<String, long[]> parameters;

        /**
         * A module without unified names or known sizes.
         *
         * @param path the dotted path, {@code ""} for the root
         * @param type the module type, such as {@code Linear}
         * @param parameters the directly owned parameters by local name, with their shapes, in
         *     order
         */
        public Module(String path, String type, Map<String, long[]> parameters) {
            this(path, type, List.of(), OptionalLong.empty(), OptionalLong.empty(), parameters);
        }

        /**
         * @param path the dotted path, {@code ""} for the root
         * @param type the module type, such as {@code Linear}
         * @param unified its unified names, none when the model has no common structure or it is
         *     not mapped
         * @param in the size of its first input's last axis, when known
         * @param out the size of its first output's last axis, when known
         * @param parameters the directly owned parameters by local name, with their shapes, in
         *     order
         */
        public Module(
                String path,
                String type,
                List<String> unified,
                OptionalLong in,
                OptionalLong out,
                Map<String, long[]> parameters) {
            this.path = Objects.requireNonNull(path, "path");
            this.type = Objects.requireNonNull(type, "type");
            this.unified = unified.isEmpty() ? null : List.copyOf(unified);
            this.in = in.isPresent() ? in.getAsLong() : null;
            this.out = out.isPresent() ? out.getAsLong() : null;
            this.parameters = new LinkedHashMap<>(parameters);
        }

        /**
         * @return the dotted path, {@code ""} for the root
         */
        public String path() {
            return path;
        }

        /**
         * @return the last path component, {@code ""} for the root
         */
        public String name() {
            return path.substring(path.lastIndexOf('.') + 1);
        }

        /**
         * @return the module type, such as {@code Linear}
         */
        public String type() {
            return type;
        }

        /**
         * @return its unified names, such as {@code encoder.block.0.attn.q}; empty when it has none
         */
        public List<String> unified() {
            return unified == null ? List.of() : unified;
        }

        /**
         * @return the size of its first input's last axis, when the file records it
         */
        public OptionalLong in() {
            return in == null ? OptionalLong.empty() : OptionalLong.of(in);
        }

        /**
         * @return the size of its first output's last axis, when the file records it
         */
        public OptionalLong out() {
            return out == null ? OptionalLong.empty() : OptionalLong.of(out);
        }

        /**
         * @return the directly owned parameters by local name, with their shapes
         */
        public Map<String, long[]> parameters() {
            return parameters;
        }
    }

    // Assigned in the constructor, not initialised here: a constant initialiser would make javac
    // inline FORMAT for
    // every read, and files of another format would pass the check.
    private final String format;
    private final String name;
    private final String modelClass;
    private final String encoder;
    private final List<Module> modules;

    /**
     * A structure without an encoder for soft prompts.
     *
     * @param name the model's name, such as {@code facebook/bart-base}
     * @param modelClass the model class, such as {@code BartModel}
     * @param modules every module in tree order, the root first
     */
    public ModelStructure(String name, String modelClass, List<Module> modules) {
        this(name, modelClass, null, modules);
    }

    /**
     * @param name the model's name, such as {@code facebook/bart-base}
     * @param modelClass the model class, such as {@code BartModel}
     * @param encoder the path of the encoder a soft prompt goes on, or {@code null} when the model
     *     has none
     * @param modules every module in tree order, the root first
     */
    public ModelStructure(String name, String modelClass, String encoder, List<Module> modules) {
        this.format = FORMAT;
        this.name = Objects.requireNonNull(name, "name");
        this.modelClass = Objects.requireNonNull(modelClass, "modelClass");
        this.encoder = encoder;
        this.modules = List.copyOf(modules);
    }

    /**
     * @return the format tag: {@link #FORMAT}, or what a file read by {@link StructureJson} gave
     */
    String format() {
        return format;
    }

    /**
     * @return the model's name
     */
    public String name() {
        return name;
    }

    /**
     * @return the model class
     */
    public String modelClass() {
        return modelClass;
    }

    /**
     * @return where a soft prompt goes: the encoder's path in an encoder-decoder model, {@code ""}
     *     (the root) in a model that takes its prompt at the root, {@code null} when the model
     *     takes none
     */
    public String encoder() {
        return encoder;
    }

    /**
     * @return every module in tree order, the root first
     */
    public List<Module> modules() {
        return modules;
    }

    /**
     * @return every module path in tree order, the root ({@code ""}) first
     */
    public List<String> paths() {
        List<String> paths = new ArrayList<>(modules.size());
        for (Module m : modules) {
            paths.add(m.path());
        }
        return paths;
    }

    /**
     * @return the unified names of the modules that have some, by path, in tree order
     */
    public Map<String, List<String>> aliases() {
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        for (Module m : modules) {
            if (!m.unified().isEmpty()) {
                aliases.put(m.path(), m.unified());
            }
        }
        return aliases;
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

    /**
     * @param path a module path
     * @return its direct children, in tree order
     */
    public List<Module> children(String path) {
        List<Module> children = new ArrayList<>();
        for (Module m : modules) {
            if (!m.path().isEmpty() && parentOf(m.path()).equals(path)) {
                children.add(m);
            }
        }
        return children;
    }

    /**
     * @param path a module path
     * @return every module strictly below it, in tree order
     */
    public List<Module> descendants(String path) {
        List<Module> below = new ArrayList<>();
        for (Module m : modules) {
            if (!m.path().equals(path) && (path.isEmpty() || m.path().startsWith(path + "."))) {
                below.add(m);
            }
        }
        return below;
    }

    /**
     * The same structure with a linear layer of another output size, as a classifier of another
     * number of labels is: its output size and the first axis of each of its parameters (a linear
     * layer's weight {@code [out, in]} and bias {@code [out]}) become {@code outputs}.
     *
     * @param path the linear layer's path, such as {@code classifier}
     * @param outputs its number of outputs, at least 1
     * @return the changed copy
     * @throws IllegalArgumentException when there is no module at {@code path} or {@code outputs}
     *     is below 1
     */
    public ModelStructure withLinearOutputs(String path, long outputs) {
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs must be at least 1, got " + outputs);
        }
        Module linear = module(path);
        if (linear == null) {
            throw new IllegalArgumentException(name + " has no module \"" + path + "\"");
        }
        Map<String, long[]> parameters = new LinkedHashMap<>();
        linear.parameters()
                .forEach(
                        (local, shape) -> {
                            long[] resized = shape.clone();
                            resized[0] = outputs;
                            parameters.put(local, resized);
                        });
        Module resized =
                new Module(
                        path,
                        linear.type(),
                        linear.unified(),
                        linear.in(),
                        OptionalLong.of(outputs),
                        parameters);
        List<Module> changed = new ArrayList<>(modules);
        changed.set(modules.indexOf(linear), resized);
        return new ModelStructure(name, modelClass, encoder, changed);
    }

    private static String parentOf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    /**
     * @return the structure as JSON
     */
    public String toJson() {
        return StructureJson.write(this);
    }

    /**
     * Reads a structure written by {@link #toJson()}, with or without the optional fields.
     *
     * @param json the JSON text
     * @return the structure
     * @throws IllegalArgumentException when the text is not a delta4j structure
     */
    public static ModelStructure fromJson(String json) {
        return StructureJson.read(json);
    }
}
