package org.delta4j.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything delta4j knows about one delta method, in one place: its names, its annotation and
 * runtime spec type, how it chooses modules and the rule each must satisfy, its default modules,
 * its arguments and its checkpoint config. The processor's annotation table, the runtime builders'
 * defaults and checks, the spec's config ({@code DeltaSpec.arguments()}), the config-to-spec
 * factory and {@code docs/methods.md} all derive from it. Each method declares one, in its own
 * class, and {@link Method} lists them.
 */
public final class MethodDeclaration {
    private final String id;
    private final String title;
    private final String layerName;
    private final String annotation;
    private final boolean repeatable;
    private final String runtimePackage;
    private final Targeting targeting;
    private final ModuleRule rule;
    private final List<String> defaultModules;
    private final List<Argument<?>> arguments;
    private final List<ConfigEntry> config;

    private MethodDeclaration(Builder b) {
        this.id = b.id;
        this.title = Objects.requireNonNull(b.title, "title");
        this.layerName = b.layerName;
        this.annotation = Objects.requireNonNull(b.annotation, "annotation");
        this.repeatable = b.repeatable;
        this.runtimePackage = Objects.requireNonNull(b.runtimePackage, "runtimePackage");
        this.targeting = b.targeting;
        this.rule = b.rule;
        this.defaultModules = b.defaultModules;
        this.arguments = b.arguments;
        this.config = b.config == null ? List.copyOf(b.arguments) : b.config;
    }

    /**
     * @param id OpenDelta's name for the method, such as {@code lora}; also its layers' name unless
     *     set
     * @return a builder: targeting {@link Targeting#MODULES}, rule {@link ModuleRule#ANY}, no
     *     default modules, no arguments, and a config of the arguments in their order
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * @return OpenDelta's name for the method, as in checkpoints: {@code lora}, {@code adapter},
     *     ...
     */
    public String id() {
        return id;
    }

    /**
     * @return how messages call it, such as {@code LoRA}
     */
    public String title() {
        return title;
    }

    /**
     * @return the name its layers get on a module, such as {@code lora}
     */
    public String layerName() {
        return layerName;
    }

    /**
     * @return its annotation's simple name in {@code org.delta4j.annotations}, such as {@code Lora}
     */
    public String annotation() {
        return annotation;
    }

    /**
     * @return whether its annotation may be written more than once, each with a {@code name}
     */
    public boolean repeatable() {
        return repeatable;
    }

    /**
     * @return the package of its runtime spec type, such as {@code org.delta4j.delta.lora}
     */
    public String runtimePackage() {
        return runtimePackage;
    }

    /**
     * @return its runtime spec type's simple name: the annotation's with {@code Spec}, such as
     *     {@code LoraSpec}
     */
    public String specType() {
        return annotation + "Spec";
    }

    /**
     * @return how it chooses its modules
     */
    public Targeting targeting() {
        return targeting;
    }

    /**
     * @return the rule each module it modifies must satisfy
     */
    public ModuleRule rule() {
        return rule;
    }

    /**
     * @return the modules it modifies when a spec names none, in unified names; empty for soft
     *     prompts
     */
    public List<String> defaultModules() {
        return defaultModules;
    }

    /**
     * @return its own arguments (not the module patterns and exclusions), in the annotation's order
     */
    public List<Argument<?>> arguments() {
        return arguments;
    }

    /**
     * @return its checkpoint config's keys, in OpenDelta's order: every argument and the fixed
     *     values
     */
    public List<ConfigEntry> config() {
        return config;
    }

    /**
     * @param values checked values of every argument, by argument name
     * @return the config's keys and values in OpenDelta's order, as checkpoints record them
     */
    public Map<String, Object> configOf(Map<String, ?> values) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (ConfigEntry e : config) {
            m.put(e.key(), e.valueIn(values));
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * @return a new, modifiable map of every argument's default, by argument name, in the
     *     annotation's order
     */
    public Map<String, Object> defaults() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Argument<?> a : arguments) {
            m.put(a.name(), a.defaultValue());
        }
        return m;
    }

    /** Builds a {@link MethodDeclaration}. */
    public static final class Builder {
        private final String id;
        private String title;
        private String layerName;
        private String annotation;
        private boolean repeatable;
        private String runtimePackage;
        private Targeting targeting = Targeting.MODULES;
        private ModuleRule rule = ModuleRule.ANY;
        private List<String> defaultModules = List.of();
        private List<Argument<?>> arguments = List.of();
        private List<ConfigEntry> config;

        private Builder(String id) {
            this.id = Objects.requireNonNull(id, "id");
            this.layerName = id;
        }

        /**
         * @param title how messages call the method, such as {@code LoRA}
         * @return this builder
         */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /**
         * @param layerName the name its layers get, when not its id (Compacter's is {@code
         *     compactor})
         * @return this builder
         */
        public Builder layerName(String layerName) {
            this.layerName = Objects.requireNonNull(layerName, "layerName");
            return this;
        }

        /**
         * @param simpleName the annotation's simple name, such as {@code Lora}
         * @param repeatable whether it may be written more than once
         * @return this builder
         */
        public Builder annotation(String simpleName, boolean repeatable) {
            this.annotation = simpleName;
            this.repeatable = repeatable;
            return this;
        }

        /**
         * @param runtimePackage the package of the runtime spec type
         * @return this builder
         */
        public Builder runtimePackage(String runtimePackage) {
            this.runtimePackage = runtimePackage;
            return this;
        }

        /**
         * @param targeting how it chooses its modules
         * @param rule the rule each module must satisfy
         * @return this builder
         */
        public Builder targets(Targeting targeting, ModuleRule rule) {
            this.targeting = Objects.requireNonNull(targeting, "targeting");
            this.rule = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /**
         * @param modules the unified names it modifies when a spec names none
         * @return this builder
         */
        public Builder defaultModules(String... modules) {
            this.defaultModules = List.of(modules);
            return this;
        }

        /**
         * @param arguments its own arguments, in the annotation's order
         * @return this builder
         */
        public Builder arguments(Argument<?>... arguments) {
            this.arguments = List.of(arguments);
            return this;
        }

        /**
         * Sets the config's order when it differs from the arguments' or has fixed values.
         *
         * @param entries every argument once, and the fixed values, in OpenDelta's order
         * @return this builder
         */
        public Builder config(ConfigEntry... entries) {
            this.config = List.of(entries);
            return this;
        }

        /**
         * @return the declaration
         * @throws IllegalStateException when the config does not hold every argument exactly once
         */
        public MethodDeclaration build() {
            if (config != null) {
                List<ConfigEntry> inConfig = new ArrayList<>(config);
                inConfig.removeIf(e -> e instanceof FixedValue);
                if (inConfig.size() != arguments.size() || !inConfig.containsAll(arguments)) {
                    throw new IllegalStateException(
                            "the config of "
                                    + id
                                    + " must hold every argument once: "
                                    + arguments
                                    + ", not "
                                    + inConfig);
                }
            }
            return new MethodDeclaration(this);
        }
    }
}
