package org.delta4j.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a model's inputs by HF's argument names. An array named with {@link
 * NDArray#setName(String)} goes to the argument of that name; an unnamed array goes to the argument
 * at its position, so plain {@code NDList(ids, mask)} works as {@code (input_ids, attention_mask)}.
 */
public final class NamedInputs {
    private NamedInputs() {}

    /**
     * @param inputs the arrays passed to the model
     * @param names the model's argument names, in positional order
     * @param owner the model's class name, for error messages
     * @return the arrays by argument name, only for the arguments that were given
     * @throws IllegalArgumentException for an unknown name, an argument given twice, or too many
     *     arrays
     */
    public static Map<String, NDArray> resolve(NDList inputs, List<String> names, String owner) {
        if (inputs.size() > names.size()) {
            throw new IllegalArgumentException(
                    owner
                            + " takes at most "
                            + names.size()
                            + " inputs "
                            + names
                            + ", got "
                            + inputs.size());
        }
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            NDArray array = inputs.get(i);
            String name = array.getName();
            if (name == null || name.isEmpty()) {
                name = names.get(i);
            } else if (!names.contains(name)) {
                throw new IllegalArgumentException(
                        owner + " has no input named \"" + name + "\"; its inputs are " + names);
            }
            if (out.put(name, array) != null) {
                throw new IllegalArgumentException(owner + " got input \"" + name + "\" twice");
            }
        }
        return out;
    }

    /**
     * @param inputs resolved inputs
     * @param name a required argument
     * @param owner the model's class name, for error messages
     * @return the array
     * @throws IllegalArgumentException when it is absent
     */
    public static NDArray require(Map<String, NDArray> inputs, String name, String owner) {
        NDArray array = inputs.get(name);
        if (array == null) {
            throw new IllegalArgumentException(owner + " needs the input \"" + name + "\"");
        }
        return array;
    }

    /**
     * @param arrays the outputs, in order
     * @param names their HF names, in the same order
     * @return the arrays, named, in one list
     */
    public static NDList named(List<NDArray> arrays, List<String> names) {
        NDList out = new NDList(arrays.size());
        for (int i = 0; i < arrays.size(); i++) {
            NDArray array = arrays.get(i);
            array.setName(names.get(i));
            out.add(array);
        }
        return out;
    }
}
