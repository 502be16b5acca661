package org.delta4j.backbone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One architecture's unified module names, as OpenDelta's common structures: {@code attn.q}, {@code
 * attn.proj}, {@code ff.w1}, {@code ff.w2}, {@code layer_norm} and so on, whatever the architecture
 * calls them. A table is a list of rules, each a regular expression over a module's path below the
 * mapped model and the unified path it stands for ({@code $1} is the layer number); a module may
 * have several unified names (BART's {@code fc1} is both {@code ff.w1} and {@code ff}).
 */
public final class CommonStructure {
    private final String modelType;
    private final List<Pattern> patterns = new ArrayList<>();
    private final List<String> unified = new ArrayList<>();

    private CommonStructure(String modelType) {
        this.modelType = modelType;
    }

    /**
     * @param modelType the class the table is for, such as {@code BertModel}
     * @return an empty table
     */
    static CommonStructure forModel(String modelType) {
        return new CommonStructure(modelType);
    }

    /**
     * Adds a rule.
     *
     * @param regex a path below the mapped model, matched whole
     * @param unifiedName what that module is called in unified names
     * @return this table
     */
    CommonStructure map(String regex, String unifiedName) {
        patterns.add(Pattern.compile(regex));
        unified.add(unifiedName);
        return this;
    }

    /**
     * @return the class this table is for
     */
    public String modelType() {
        return modelType;
    }

    /**
     * @param relativePath a module path below the mapped model ({@code ""} for the model itself)
     * @return its unified paths, none when the table does not map it
     */
    public List<String> unifiedNames(String relativePath) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            Matcher m = patterns.get(i).matcher(relativePath);
            if (m.matches()) {
                out.add(m.replaceAll(unified.get(i)));
            }
        }
        return out;
    }

    /**
     * Unified names for every module of a model: the first module (in tree order) whose type has a
     * table is the mapped model, and the paths below it are mapped with that table.
     *
     * @param paths every module path, in tree order
     * @param types the type of each of those modules
     * @return the unified names of each mapped module, by path; empty when no module has a table
     */
    public static Map<String, List<String>> aliases(List<String> paths, List<String> types) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            CommonStructure table = CommonStructures.forType(types.get(i));
            if (table == null) {
                continue;
            }
            String prefix = paths.get(i);
            for (String path : paths) {
                if (path.equals(prefix) || prefix.isEmpty() || path.startsWith(prefix + ".")) {
                    String relative =
                            prefix.isEmpty()
                                    ? path
                                    : path.equals(prefix)
                                            ? ""
                                            : path.substring(prefix.length() + 1);
                    List<String> names = table.unifiedNames(relative);
                    if (!names.isEmpty()) {
                        out.put(path, names);
                    }
                }
            }
            return out;
        }
        return out;
    }
}
