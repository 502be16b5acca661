package org.delta4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds model inputs named as HF's arguments ({@code input_ids}, {@code attention_mask}, ...). */
public final class ModelInputs {
    private static final Type BATCHES = new TypeToken<LinkedHashMap<String, long[][]>>() {}.getType();

    private ModelInputs() {}

    /**
     * @param manager the manager that will own the arrays
     * @param inputs {@code [batch][length]} integer inputs by HF argument name
     * @return INT64 arrays named after their keys, in the map's order
     * @throws IllegalArgumentException when a batch is empty or ragged
     */
    public static NDList of(NDManager manager, Map<String, long[][]> inputs) {
        NDList out = new NDList(inputs.size());
        for (Map.Entry<String, long[][]> e : inputs.entrySet()) {
            long[][] rows = e.getValue();
            if (rows.length == 0 || rows[0].length == 0) {
                throw new IllegalArgumentException("input " + e.getKey() + " is empty");
            }
            for (long[] row : rows) {
                if (row.length != rows[0].length) {
                    throw new IllegalArgumentException("input " + e.getKey() + " has rows of different lengths");
                }
            }
            NDArray array = manager.create(rows);
            array.setName(e.getKey());
            out.add(array);
        }
        return out;
    }

    /**
     * Reads inputs saved as a JSON object of integer matrices by argument name (the fixtures' {@code inputs.json}).
     *
     * @param manager the manager that will own the arrays
     * @param file the JSON file
     * @return INT64 arrays named after their keys, in file order
     * @throws IOException when the file cannot be read or is not such an object, or a matrix is empty or ragged
     */
    public static NDList fromJson(NDManager manager, Path file) throws IOException {
        Map<String, long[][]> inputs;
        try {
            inputs = new Gson().fromJson(Files.readString(file, StandardCharsets.UTF_8), BATCHES);
        } catch (JsonParseException e) {
            throw new IOException(file + " is not a JSON object of integer matrices: " + e.getMessage(), e);
        }
        if (inputs == null) {
            throw new IOException(file + " is empty");
        }
        try {
            return of(manager, inputs);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
